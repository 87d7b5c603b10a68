import type { TemplateBody as ApiTemplateBody } from './api/types';

// The template editor's logic: a fresh step of each kind, moving and removing steps, and placing
// the server's validation messages ("steps[2].colour is not a known field") next to their field.

export type Position =
  | 'top-left'
  | 'top'
  | 'top-right'
  | 'left'
  | 'center'
  | 'right'
  | 'bottom-left'
  | 'bottom'
  | 'bottom-right';

export const POSITIONS: Position[] = ['top-left', 'top', 'top-right', 'left', 'center', 'right', 'bottom-left', 'bottom', 'bottom-right'];

export type StepKind = 'text' | 'image' | 'subtitles' | 'drawings' | 'slate' | 'scale';

export type Step = { type: StepKind; [field: string]: unknown };

export interface TemplateBody {
  name: string;
  steps: Step[];
  output: { format: 'mp4' | 'webm'; maxHeight?: number; videoBitrateKbps?: number };
}

export const STEP_KINDS: { kind: StepKind; label: string; explains: string }[] = [
  { kind: 'text', label: 'Text', explains: 'Free text; {title} {project} {version} {date} {timecode} {frame} are filled in.' },
  { kind: 'image', label: 'Image watermark', explains: 'An uploaded PNG over the picture.' },
  { kind: 'subtitles', label: 'Subtitles', explains: 'Burns an uploaded SRT or VTT file into the picture.' },
  { kind: 'drawings', label: 'Note drawings', explains: 'Burns the drawings of the notes in the clip’s range, each on its note’s frames.' },
  { kind: 'slate', label: 'Slate', explains: 'A title card of some frames before the clip.' },
  { kind: 'scale', label: 'Scale down', explains: 'Limits the picture height; never scales up.' },
];

export function newStep(kind: StepKind): Step {
  switch (kind) {
    case 'text':
      return { type: 'text', text: '{title} {timecode}', position: 'bottom', size: 0.05, color: '#FFFFFF', opacity: 1, box: true, boxColor: '#000000' };
    case 'image':
      return { type: 'image', imageId: '', position: 'top-right', scale: 0.15, opacity: 0.8 };
    case 'subtitles':
      return { type: 'subtitles', source: 'sidecar', fileId: '', size: 0.05, color: '#FFFFFF', position: 'bottom' };
    case 'drawings':
      return { type: 'drawings' };
    case 'slate':
      return { type: 'slate', frames: 48, lines: ['{project}', '{title} v{version}', '{timecode}', '{date}'], background: '#000000' };
    case 'scale':
      return { type: 'scale', maxHeight: 1080 };
  }
}

export function newTemplate(name = 'New template'): TemplateBody {
  return { name, steps: [newStep('text')], output: { format: 'mp4' } };
}

export interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'lines' | 'position' | 'fraction' | 'int' | 'color' | 'bool' | 'image' | 'subtitles';
  min?: number;
  max?: number;
  step?: number;
}

/** The fields the editor shows for each kind of step, in order. */
export const FIELDS: Record<StepKind, FieldSpec[]> = {
  text: [
    { key: 'text', label: 'Text', kind: 'text' },
    { key: 'position', label: 'Position', kind: 'position' },
    { key: 'size', label: 'Size (of picture height)', kind: 'fraction', min: 0.01, max: 0.5, step: 0.01 },
    { key: 'color', label: 'Colour', kind: 'color' },
    { key: 'opacity', label: 'Opacity', kind: 'fraction', min: 0, max: 1, step: 0.05 },
    { key: 'box', label: 'Box behind the text', kind: 'bool' },
    { key: 'boxColor', label: 'Box colour', kind: 'color' },
  ],
  image: [
    { key: 'imageId', label: 'PNG image', kind: 'image' },
    { key: 'position', label: 'Position', kind: 'position' },
    { key: 'scale', label: 'Width (of picture width)', kind: 'fraction', min: 0.01, max: 1, step: 0.01 },
    { key: 'opacity', label: 'Opacity', kind: 'fraction', min: 0, max: 1, step: 0.05 },
  ],
  subtitles: [
    { key: 'fileId', label: 'SRT or VTT file', kind: 'subtitles' },
    { key: 'size', label: 'Size (of picture height)', kind: 'fraction', min: 0.01, max: 0.5, step: 0.01 },
    { key: 'color', label: 'Colour', kind: 'color' },
    { key: 'position', label: 'Position', kind: 'position' },
  ],
  drawings: [],
  slate: [
    { key: 'frames', label: 'Frames', kind: 'int', min: 1, max: 240, step: 1 },
    { key: 'lines', label: 'Lines (one a line; placeholders allowed)', kind: 'lines' },
    { key: 'background', label: 'Background', kind: 'color' },
  ],
  scale: [{ key: 'maxHeight', label: 'Maximum height (lines)', kind: 'int', min: 16, max: 4320, step: 1 }],
};

/** A copy of the steps with the one at `from` moved by `delta` places (clamped to the list). */
export function moveStep(steps: Step[], from: number, delta: number): Step[] {
  const to = Math.max(0, Math.min(steps.length - 1, from + delta));
  if (to === from || from < 0 || from >= steps.length) return steps;
  const copy = [...steps];
  const [s] = copy.splice(from, 1);
  copy.splice(to, 0, s);
  return copy;
}

export function removeStep(steps: Step[], at: number): Step[] {
  return steps.filter((_, i) => i !== at);
}

/** The body the server takes: optional fields left empty are not sent. */
export function templateBody(t: TemplateBody): TemplateBody {
  const steps = t.steps.map((s) => {
    const out: Step = { type: s.type };
    for (const [k, v] of Object.entries(s)) {
      if (v === '' || v === null || v === undefined) continue;
      if (Array.isArray(v)) {
        const items = v.filter((x) => x !== '');
        if (items.length > 0) out[k] = items;
        continue;
      }
      out[k] = v;
    }
    return out;
  });
  const output: TemplateBody['output'] = { format: t.output.format };
  if (t.output.maxHeight) output.maxHeight = t.output.maxHeight;
  if (t.output.videoBitrateKbps) output.videoBitrateKbps = t.output.videoBitrateKbps;
  return { name: t.name.trim(), steps, output };
}

/** The editor's template as the API's type (the editor keeps steps loosely typed while editing). */
export function toApi(t: TemplateBody, projectId?: string | null): ApiTemplateBody {
  const body = templateBody(t) as unknown as ApiTemplateBody;
  return projectId === undefined ? body : { ...body, projectId };
}

/**
 * The field a server message names: "steps[2].colour is not a known field" -> "steps[2].colour".
 * The editor shows the message next to that field, or next to the step, or at the top.
 */
export function pathOfProblem(message: string, details?: Record<string, unknown>): string | null {
  for (const key of ['path', 'field', 'pointer']) {
    const v = details?.[key];
    if (typeof v === 'string' && v) return normalisePath(v);
  }
  const m = /((?:steps\[\d+\]|output|name)(?:\.[A-Za-z]+|\[\d+\])*)/.exec(message);
  return m ? m[1] : null;
}

/** JSON pointers ("/steps/2/colour") and dotted paths alike become "steps[2].colour". */
function normalisePath(p: string): string {
  if (!p.startsWith('/')) return p.replace(/^\$\.?/, '');
  return p
    .slice(1)
    .split('/')
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

/** Where in the editor a problem shows: the step's index and its field, or the template's field. */
export function placeOfProblem(path: string | null): { step: number | null; field: string | null } {
  if (!path) return { step: null, field: null };
  const m = /^steps\[(\d+)\](?:\.([A-Za-z]+))?/.exec(path);
  if (m) return { step: Number(m[1]), field: m[2] ?? null };
  return { step: null, field: path };
}

/** Calls `fn` once `ms` after the last call; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const call = (...args: A) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}
