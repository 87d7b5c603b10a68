#!/usr/bin/env bash
# Installs the server tarball's contents as a systemd service (run as root from the unpacked folder).
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v java >/dev/null || apt-get install -y --no-install-recommends openjdk-17-jre-headless
id framewise >/dev/null 2>&1 || useradd --system --home /var/lib/framewise --shell /usr/sbin/nologin framewise
mkdir -p /opt/framewise-server /etc/framewise /var/lib/framewise
cp -r "$HERE/bin" "$HERE/lib" /opt/framewise-server/
chmod 755 /opt/framewise-server/bin/framewise
[ -f /etc/framewise/framewise.env ] || cp "$HERE/framewise.env" /etc/framewise/framewise.env
chown -R framewise:framewise /var/lib/framewise
chmod 700 /var/lib/framewise
cp "$HERE/framewise.service" /etc/systemd/system/framewise.service
systemctl daemon-reload
systemctl enable --now framewise
echo "Framewise is running on 127.0.0.1:8642. Add the first admin:"
echo "  sudo -u framewise /opt/framewise-server/bin/framewise user add --data /var/lib/framewise --admin NAME"
echo "Then put nginx in front: $HERE/nginx/framewise.conf"
echo "and set FRAMEWISE_PUBLIC_URL in /etc/framewise/framewise.env to the address browsers open."
