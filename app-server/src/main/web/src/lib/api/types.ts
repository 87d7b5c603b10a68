// Shapes of the server's JSON, named for the pages. Every one is an alias of a schema of the
// server's openapi.json, whose TypeScript form the build generates into schema.d.ts
// (`npm run types`, run by build and check): when the document changes a shape, the pages that
// rely on the old one stop compiling. Add a name here, never a hand-written shape.
import type { components } from './schema';

type Schemas = components['schemas'];

export type MediaStatus = Schemas['MediaItem']['status'];
export type ApprovalStatus = Schemas['Approval']['status'];
export type AuthMode = Schemas['AuthConfig']['mode'];

export type Rendition = Schemas['Rendition'];
export type Media = Schemas['MediaItem'];
export type MediaPage = Schemas['MediaPage'];
export type SpriteIndex = Schemas['SpriteIndex'];
export type WaveformData = Schemas['Waveform'];

export type Project = Schemas['Project'];
export type Approval = Schemas['Approval'];
export type AssetVersion = Schemas['AssetVersion'];
export type Asset = Schemas['Asset'];
export type AssetTags = Schemas['AssetTags'];

export type Drawing = Schemas['Drawing'];
export type Note = Schemas['Note'];
export type NotePage = Schemas['NotePage'];
export type NoteImport = Schemas['NoteImport'];
export type ImportedNote = Schemas['ImportedNote'];

/** A person as sign-in answers them. */
export type User = Schemas['User'];
/** An account as the user administration lists it. */
export type Account = Schemas['Account'];
export type Me = Schemas['Me'];
export type LoginAnswer = Schemas['LoginAnswer'];
/** A personal API token as listed: the secret itself is shown once, in {@link IssuedToken}. */
export type ApiTokenInfo = Omit<Schemas['ApiToken'], 'token'>;
export type IssuedToken = ApiTokenInfo & Required<Pick<Schemas['ApiToken'], 'token'>>;
export type Member = Schemas['Member'];
export type AuditEntry = Schemas['AuditEntry'];

/** A library page made by an organizer plugin (GET /api/folders). */
export type FolderPage = Schemas['FolderPage'];
export type FolderEntry = Schemas['FolderEntry'];
export type OrganizerAction = Schemas['OrganizerAction'];
export type ActionResult = Schemas['ActionResult'];
export type AppNotification = Schemas['Notification'];
export type Home = Schemas['Home'];
export type HomeEntry = Schemas['HomeEntry'];
export type HomeMention = Schemas['HomeMention'];
export type OrganizerStatus = Schemas['OrganizerStatus'];

/** A clip template (issue 13): ordered steps and an output format. */
export type Template = Schemas['Template'];
export type TemplateBody = Schemas['TemplateBody'];
export type TemplateStep = Schemas['TemplateStep'];
export type TemplateFile = Schemas['TemplateFile'];

/** Clips (issue 13): a clip's source and range, and the answer that starts a clip job. */
export type ClipOf = NonNullable<Schemas['ClipOf']>;
export type ClipStarted = Schemas['ClipStarted'];

/** Share links and their guests (issue 13). */
export type Share = Schemas['Share'];
export type ShareCreated = Schemas['ShareCreated'];
export type NewShare = Schemas['NewShare'];
export type SharePatch = Schemas['SharePatch'];
export type ShareAnalytics = Schemas['ShareAnalytics'];
export type ShareGuestStats = Schemas['ShareGuestStats'];
export type GuestSession = Schemas['GuestSession'];
export type GuestLink = Schemas['GuestLink'];
export type GuestView = Schemas['GuestView'];
