#!/usr/bin/python3
"""A Framewise organizer in Python: confidential assets and review requests.

- Assets tagged "confidential" are hidden from everyone but administrators and the person who
  created the asset (its uploader): the organizer denies access, and the server answers 404.
- "Request review" (an action on assets) notifies every reviewer of the asset's project.

The Framewise server starts this process itself (framewise server --organizer "..."), passing the
socket to serve on, the server's host socket and a one-time secret in the environment. See README.md.
"""

import argparse
import logging
import os
import signal
import sys
from concurrent import futures

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
API_MAJOR = 1
API_VERSION = "1.0"
CONFIDENTIAL = "confidential"
CALL_TIMEOUT_SECONDS = 5

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--generated", default=os.path.join(HERE, "generated"),
                    help="where regenerate.sh put the Python gRPC code (default: ./generated)")
ARGS = parser.parse_args()
sys.path.insert(0, ARGS.generated)

from framewise.organizer.v1 import host_service_pb2 as host_pb  # noqa: E402
from framewise.organizer.v1 import host_service_pb2_grpc as host_grpc  # noqa: E402
from framewise.organizer.v1 import organizer_service_pb2 as org_pb  # noqa: E402
from framewise.organizer.v1 import organizer_service_pb2_grpc as org_grpc  # noqa: E402
from framewise.organizer.v1 import resources_pb2 as res_pb  # noqa: E402

log = logging.getLogger("confidential")

REQUEST_REVIEW = org_pb.ActionDefinition(
    id="request-review",
    label="Request review",
    description="Notifies the reviewers of the asset's project.",
    target_type="asset",
)


class Host:
    """The server's host API, with the handshake secret and a deadline on every call."""

    def __init__(self, socket_path, secret):
        self._stub = host_grpc.HostServiceStub(grpc.insecure_channel("unix://" + socket_path))
        self._metadata = (("authorization", "Bearer " + secret),)

    def call(self, method, request):
        return getattr(self._stub, method)(request, timeout=CALL_TIMEOUT_SECONDS, metadata=self._metadata)

    def asset_of(self, resource):
        """The asset a resource belongs to, or None (not an asset, media or note, or not filed)."""
        try:
            if resource.type == "asset":
                return self.call("GetAsset", host_pb.GetAssetRequest(asset_id=resource.id))
            if resource.type == "note":
                note = self.call("GetNote", host_pb.GetNoteRequest(note_id=resource.id))
                resource = res_pb.ResourceRef(type="media", id=note.media_id)
            if resource.type == "media":
                media = self.call("GetMedia", host_pb.GetMediaRequest(media_id=resource.id))
                if media.asset_id:
                    return self.call("GetAsset", host_pb.GetAssetRequest(asset_id=media.asset_id))
        except grpc.RpcError as e:
            if e.code() != grpc.StatusCode.NOT_FOUND:
                raise
        return None


class ConfidentialOrganizer(org_grpc.OrganizerServiceServicer):

    def __init__(self, host):
        self.host = host

    def GetOrganizerInfo(self, request, context):
        theirs = request.api_version.split(".")[0]
        if theirs != str(API_MAJOR):
            context.abort(grpc.StatusCode.FAILED_PRECONDITION,
                          "the confidential organizer speaks API %s; the server speaks %s: upgrade the older one"
                          % (API_VERSION, request.api_version or "no version"))
        return org_pb.OrganizerInfo(
            name="confidential",
            version="1.0",
            api_version=API_VERSION,
            hooks=[org_pb.HOOK_AUTHORIZE, org_pb.HOOK_RUN_ACTION],
            actions=[REQUEST_REVIEW],
            description="Hides confidential assets from all but admins and their uploader; review requests.",
        )

    def Authorize(self, request, context):
        asset = self.host.asset_of(request.resource)
        if asset is None or CONFIDENTIAL not in asset.tags:
            return org_pb.AuthorizeResponse(verdict=org_pb.VERDICT_NO_OPINION)
        who = request.principal
        if who.admin or (who.user_id and who.user_id == asset.creator_user_id):
            # Not ours to widen: the project roles still decide for them.
            return org_pb.AuthorizeResponse(verdict=org_pb.VERDICT_NO_OPINION)
        return org_pb.AuthorizeResponse(
            verdict=org_pb.VERDICT_DENY,
            reason="asset %s is confidential" % asset.id)

    def RunAction(self, request, context):
        if request.action_id != REQUEST_REVIEW.id:
            context.abort(grpc.StatusCode.NOT_FOUND, "no action " + request.action_id)
        if request.target.type != "asset" or not request.target.id:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "Request review applies to an asset")
        if not request.principal.user_id:
            context.abort(grpc.StatusCode.PERMISSION_DENIED, "sign in to request a review")
        try:
            asset = self.host.call("GetAsset", host_pb.GetAssetRequest(asset_id=request.target.id))
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.NOT_FOUND:
                context.abort(grpc.StatusCode.NOT_FOUND, "no such asset: " + request.target.id)
            raise
        members = self.host.call("ListProjectMembers",
                                 host_pb.ListProjectMembersRequest(project_id=asset.project_id)).members
        reviewers = [m.user_id for m in members if m.role == res_pb.PROJECT_ROLE_REVIEWER]
        if not reviewers:
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, "the project has no reviewers to ask")
        asker = request.principal.display_name or request.principal.name
        self.host.call("CreateNotification", host_pb.CreateNotificationRequest(
            user_ids=reviewers,
            text='%s asks you to review "%s"' % (asker, asset.title),
            subject=res_pb.ResourceRef(type="asset", id=asset.id)))
        return org_pb.RunActionResponse(
            message="Asked %d reviewer%s to review %s." % (len(reviewers), "" if len(reviewers) == 1 else "s",
                                                          asset.title))


def health_handler():
    """grpc.health.v1.Health/Check answering SERVING (Debian's grpcio has no grpc_health module).

    HealthCheckResponse{status: SERVING} is field 1, varint 1: the two bytes 08 01.
    """
    serving = b"\x08\x01"
    check = grpc.unary_unary_rpc_method_handler(
        lambda request, context: serving,
        request_deserializer=lambda raw: raw,
        response_serializer=lambda raw: raw)
    return grpc.method_handlers_generic_handler("grpc.health.v1.Health", {"Check": check})


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    try:
        socket_path = os.environ["FRAMEWISE_ORGANIZER_SOCKET"]
        host_socket = os.environ["FRAMEWISE_HOST_SOCKET"]
        secret = os.environ["FRAMEWISE_ORGANIZER_SECRET"]
    except KeyError as missing:
        sys.exit("%s is not set: the Framewise server starts this organizer "
                 '(framewise server --organizer "/usr/bin/python3 %s")' % (missing, os.path.abspath(__file__)))
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    org_grpc.add_OrganizerServiceServicer_to_server(ConfidentialOrganizer(Host(host_socket, secret)), server)
    server.add_generic_rpc_handlers((health_handler(),))
    server.add_insecure_port("unix:" + socket_path)
    server.start()
    log.info("serving on %s", socket_path)
    signal.signal(signal.SIGTERM, lambda *_: server.stop(1))
    # A server killed outright cannot stop its organizers: stop when it is gone (we get re-parented).
    parent = os.getppid()
    while server.wait_for_termination(timeout=1.0):  # True: the second passed and it still runs
        if os.getppid() != parent:
            log.info("the server is gone; stopping")
            server.stop(0)


if __name__ == "__main__":
    main()
