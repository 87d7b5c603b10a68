import { describe, expect, it } from 'vitest';
import { DrawingModel, normalise, overlayImagesOnFrame, parseDrawing, shapeProblem, shapesOnFrame, simplify, toJson, type Shape } from './drawing';

const arrow: Shape = { type: 'arrow', color: '#ff0000', width: 0.01, points: [[0.1, 0.2], [0.4, 0.5]] };

describe('drawing model', () => {
  it('undoes and redoes shape by shape', () => {
    const m = new DrawingModel();
    m.add(arrow);
    m.add({ type: 'rect', color: '#00ff00', width: 0.005, points: [[0, 0], [1, 1]] });
    expect(m.shapes.map((s) => s.type)).toEqual(['arrow', 'rect']);
    m.undo();
    expect(m.shapes.map((s) => s.type)).toEqual(['arrow']);
    expect(m.canRedo).toBe(true);
    m.redo();
    expect(m.shapes).toHaveLength(2);
    m.undo();
    m.add({ type: 'text', color: '#ffffff', width: 0.01, points: [[0.5, 0.5]], text: 'here' });
    expect(m.canRedo).toBe(false);
    m.clear();
    expect(m.isEmpty).toBe(true);
    m.undo();
    expect(m.shapes.map((s) => s.type)).toEqual(['arrow', 'text']);
  });

  it('serialises only the schema fields', () => {
    const json = toJson([{ ...arrow, text: 'ignored' } as Shape]);
    expect(json).toEqual({ schema: 1, shapes: [arrow] });
    expect(Object.keys(json.shapes[0])).toEqual(['type', 'color', 'width', 'points']);
  });

  it('refuses shapes the server would refuse', () => {
    expect(shapeProblem({ ...arrow, color: 'red' })).toMatch(/colour/);
    expect(shapeProblem({ ...arrow, width: 0.3 })).toMatch(/width/);
    expect(shapeProblem({ ...arrow, points: [[0.1, 0.1]] })).toMatch(/2 points/);
    expect(shapeProblem({ type: 'text', color: '#ffffff', width: 0.01, points: [[0, 0]], text: ' ' })).toMatch(/text/);
    expect(() => new DrawingModel().add({ ...arrow, points: [[2, 0], [0, 0]] })).toThrow(/outside/);
  });

  it('reads stored drawings and drops what it cannot trust', () => {
    const d = parseDrawing({ schema: 1, shapes: [arrow, { type: 'blob', color: '#000000', width: 0.1, points: [] }] });
    expect(d?.shapes).toEqual([arrow]);
    expect(parseDrawing({ schema: 2, shapes: [] })).toBeNull();
    expect(parseDrawing('nope')).toBeNull();
  });

  it('normalises and simplifies pen points', () => {
    expect(normalise(1.5, -0.2)).toEqual([1, 0]);
    expect(normalise(0.123456, 0.5)).toEqual([0.1235, 0.5]);
    const pts = simplify([[0, 0], [0.0001, 0], [0.0002, 0], [0.5, 0.5], [0.5001, 0.5]]);
    expect(pts).toEqual([[0, 0], [0.5, 0.5], [0.5001, 0.5]]);
  });

  it('shows on a still the drawing of the selected note and those of the notes on that frame, never replies', () => {
    const drawing = (color: string) => ({ schema: 1, shapes: [{ ...arrow, color }] });
    const notes = [
      { id: 'a', frame: 10, frameOut: 20, drawing: drawing('#aa0000'), parentId: null },
      { id: 'b', frame: 30, drawing: drawing('#00bb00'), parentId: null },
      { id: 'c', frame: 10, drawing: drawing('#0000cc'), parentId: 'a' },
      { id: 'd', frame: 12, parentId: null },
    ];
    expect(shapesOnFrame(notes, 15, null).map((s) => s.color)).toEqual(['#aa0000']);
    expect(shapesOnFrame(notes, 20, null)).toEqual([]);
    expect(shapesOnFrame(notes, 15, 'b').map((s) => s.color)).toEqual(['#aa0000', '#00bb00']);
  });

  it('lays attached drawing pictures over their frame like drawings, and only overlay pictures', () => {
    const pic = (url: string, overlay = true) => ({ url, overlay });
    const notes = [
      { id: 'a', frame: 10, attachments: [pic('/a.png'), pic('/a-doc.png', false)], parentId: null },
      { id: 'b', frame: 30, attachments: [pic('/b.png')], parentId: null },
      { id: 'c', frame: 10, attachments: [pic('/c.png')], parentId: 'a' },
      { id: 'd', frame: 10, attachments: [], parentId: null },
    ];
    expect(overlayImagesOnFrame(notes, 10, null)).toEqual(['/a.png']);
    expect(overlayImagesOnFrame(notes, 11, null)).toEqual([]);
    expect(overlayImagesOnFrame(notes, 11, 'b')).toEqual(['/b.png']);
  });
});
