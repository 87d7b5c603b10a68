// The drawing model: vector shapes in the server's drawing schema 1 (see the server's
// DrawingValidator): {"schema":1,"shapes":[{"type","color":"#rrggbb","width","points":[[x,y],...]}]}
// with points normalised to the picture (0..1, top left origin) and width a fraction of the
// picture height, so a drawing renders the same at any size.

export type ShapeType = 'pen' | 'line' | 'arrow' | 'rect' | 'ellipse' | 'text';
export type Point = [number, number];

export interface Shape {
  type: ShapeType;
  color: string;
  width: number;
  points: Point[];
  text?: string;
}

export interface Drawing {
  schema: 1;
  shapes: Shape[];
}

export const SCHEMA = 1;
export const MAX_WIDTH = 0.25;
export const MAX_PEN_POINTS = 10_000;
export const MAX_TEXT = 1000;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** Rounds to 4 decimals (a tenth of a pixel at 4K) so stored drawings stay small. */
export function normalise(x: number, y: number): Point {
  return [Math.round(clamp01(x) * 10000) / 10000, Math.round(clamp01(y) * 10000) / 10000];
}

/** Problems that the server would refuse, in words; empty when the shape is fine. */
export function shapeProblem(shape: Shape): string | null {
  if (!COLOR.test(shape.color)) return 'colour must be like #ff8800';
  if (!(shape.width > 0 && shape.width <= MAX_WIDTH)) return 'width out of range';
  const n = shape.points.length;
  const [min, max] = shape.type === 'pen' ? [2, MAX_PEN_POINTS] : shape.type === 'text' ? [1, 1] : [2, 2];
  if (n < min || n > max) return `${shape.type} needs ${min === max ? min : `${min} to ${max}`} points`;
  for (const [x, y] of shape.points) if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) return 'point outside the picture';
  if (shape.type === 'text') {
    const t = shape.text ?? '';
    if (!t.trim() || t.length > MAX_TEXT) return `text must be 1 to ${MAX_TEXT} characters`;
  }
  return null;
}

/** Reads a stored drawing, dropping anything a renderer cannot trust. */
export function parseDrawing(value: unknown): Drawing | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { schema?: unknown; shapes?: unknown };
  if (v.schema !== SCHEMA || !Array.isArray(v.shapes)) return null;
  const shapes: Shape[] = [];
  for (const raw of v.shapes) {
    if (!raw || typeof raw !== 'object') continue;
    const s = raw as Shape;
    if (!Array.isArray(s.points)) continue;
    const shape: Shape = {
      type: s.type,
      color: s.color,
      width: s.width,
      points: s.points.map((p) => [Number(p[0]), Number(p[1])] as Point),
    };
    if (s.type === 'text') shape.text = String(s.text ?? '');
    if (['pen', 'line', 'arrow', 'rect', 'ellipse', 'text'].includes(shape.type) && !shapeProblem(shape)) {
      shapes.push(shape);
    }
  }
  return { schema: 1, shapes };
}

/** The drawings a still shows: the selected note's, and those of the notes whose frames hold it. */
export function shapesOnFrame(
  notes: { id: string; drawing?: unknown; parentId?: string | null; frame: number; frameOut?: number | null }[],
  frame: number,
  selected: string | null,
): Shape[] {
  const out: Shape[] = [];
  for (const n of notes) {
    if (!n.drawing || n.parentId) continue;
    const end = n.frameOut ?? n.frame + 1;
    if (n.id === selected || (frame >= n.frame && frame < end)) out.push(...(parseDrawing(n.drawing)?.shapes ?? []));
  }
  return out;
}

/**
 * The URLs of picture attachments laid over the frame (drawings imported as images), by the same
 * rule as {@link shapesOnFrame}: the selected note's, and those of notes on the shown frame.
 */
export function overlayImagesOnFrame(
  notes: { id: string; parentId?: string | null; frame: number; frameOut?: number | null; attachments?: { url: string; overlay: boolean }[] }[],
  frame: number,
  selected: string | null,
): string[] {
  const out: string[] = [];
  for (const n of notes) {
    if (n.parentId || !n.attachments?.length) continue;
    const end = n.frameOut ?? n.frame + 1;
    if (n.id === selected || (frame >= n.frame && frame < end)) {
      for (const a of n.attachments) if (a.overlay) out.push(a.url);
    }
  }
  return out;
}

/** The JSON the server stores: only the schema's fields. */
export function toJson(shapes: Shape[]): Drawing {
  return {
    schema: 1,
    shapes: shapes.map((s) =>
      s.type === 'text'
        ? { type: s.type, color: s.color, width: s.width, points: s.points, text: s.text }
        : { type: s.type, color: s.color, width: s.width, points: s.points },
    ),
  };
}

/** A drawing being edited: shapes plus undo/redo history. */
export class DrawingModel {
  private done: Shape[][] = [];
  private undone: Shape[][] = [];
  shapes: Shape[];

  constructor(initial: Shape[] = []) {
    this.shapes = initial.map(copy);
  }

  add(shape: Shape): void {
    const problem = shapeProblem(shape);
    if (problem) throw new Error(problem);
    this.done.push(this.shapes);
    this.undone = [];
    this.shapes = [...this.shapes, copy(shape)];
  }

  clear(): void {
    if (this.shapes.length === 0) return;
    this.done.push(this.shapes);
    this.undone = [];
    this.shapes = [];
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  undo(): void {
    const prev = this.done.pop();
    if (!prev) return;
    this.undone.push(this.shapes);
    this.shapes = prev;
  }

  redo(): void {
    const next = this.undone.pop();
    if (!next) return;
    this.done.push(this.shapes);
    this.shapes = next;
  }

  get isEmpty(): boolean {
    return this.shapes.length === 0;
  }

  toJson(): Drawing {
    return toJson(this.shapes);
  }
}

function copy(s: Shape): Shape {
  return { ...s, points: s.points.map((p) => [p[0], p[1]] as Point) };
}

/** Builds the shape a drag from a to b makes with a tool (pen strokes collect their own points). */
export function dragShape(type: Exclude<ShapeType, 'pen' | 'text'>, color: string, width: number, a: Point, b: Point): Shape {
  return { type, color, width, points: [a, b] };
}

/** Drops pen points closer than a fraction of the picture to the previous one (smaller notes). */
export function simplify(points: Point[], minDistance = 0.002): Point[] {
  if (points.length <= 2) return points;
  const out: Point[] = [points[0]];
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = out[out.length - 1];
    const [x, y] = points[i];
    if (Math.hypot(x - px, y - py) >= minDistance) out.push(points[i]);
  }
  out.push(points[points.length - 1]);
  return out.slice(0, MAX_PEN_POINTS);
}

/** Font size of a text shape in pixels for a picture this tall. */
export function textSize(shape: Shape, height: number): number {
  return Math.max(10, Math.max(0.03, shape.width * 6) * height);
}

/** Draws shapes scaled to a w x h area (a canvas over the picture, a thumbnail). */
export function render(ctx: CanvasRenderingContext2D, shapes: Shape[], w: number, h: number): void {
  for (const s of shapes) {
    const lw = Math.max(1, s.width * h);
    ctx.save();
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = lw;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    const pts = s.points.map(([x, y]) => [x * w, y * h] as Point);
    switch (s.type) {
      case 'pen':
      case 'line': {
        ctx.beginPath();
        ctx.moveTo(pts[0][0], pts[0][1]);
        for (const p of pts.slice(1)) ctx.lineTo(p[0], p[1]);
        ctx.stroke();
        break;
      }
      case 'arrow': {
        const [[x1, y1], [x2, y2]] = pts;
        const angle = Math.atan2(y2 - y1, x2 - x1);
        const head = Math.max(8, lw * 4);
        ctx.beginPath();
        ctx.moveTo(x1, y1);
        ctx.lineTo(x2, y2);
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(x2, y2);
        ctx.lineTo(x2 - head * Math.cos(angle - Math.PI / 7), y2 - head * Math.sin(angle - Math.PI / 7));
        ctx.lineTo(x2 - head * Math.cos(angle + Math.PI / 7), y2 - head * Math.sin(angle + Math.PI / 7));
        ctx.closePath();
        ctx.fill();
        break;
      }
      case 'rect': {
        const [[x1, y1], [x2, y2]] = pts;
        ctx.strokeRect(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
        break;
      }
      case 'ellipse': {
        const [[x1, y1], [x2, y2]] = pts;
        ctx.beginPath();
        ctx.ellipse((x1 + x2) / 2, (y1 + y2) / 2, Math.abs(x2 - x1) / 2, Math.abs(y2 - y1) / 2, 0, 0, Math.PI * 2);
        ctx.stroke();
        break;
      }
      case 'text': {
        const size = textSize(s, h);
        ctx.font = `600 ${size}px system-ui, sans-serif`;
        ctx.textBaseline = 'top';
        ctx.lineWidth = Math.max(2, size / 8);
        ctx.strokeStyle = 'rgba(0,0,0,0.7)';
        ctx.strokeText(s.text ?? '', pts[0][0], pts[0][1]);
        ctx.fillText(s.text ?? '', pts[0][0], pts[0][1]);
        break;
      }
    }
    ctx.restore();
  }
}
