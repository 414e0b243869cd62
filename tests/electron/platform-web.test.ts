/**
 * Web-mode file picking and downloads against a minimal fake DOM (Node's EventTarget). The same
 * behaviour was checked once in real headless Chromium with Playwright: there, input.click()
 * without a file-chooser listener fires `cancel` within ~1-12 ms, which is why early cancels
 * are ignored.
 */
import { describe, expect, it, vi } from 'vitest';
import { FILE_INPUT_TEST_ID, INSTANT_CANCEL_MS, createWebPlatform } from '../../renderer/platform/web';

class FakeElement extends EventTarget {
  attrs = new Map<string, string>();
  style: Record<string, string> = {};
  parent: FakeDocument | null = null;
  files: Array<{ name: string; arrayBuffer(): Promise<ArrayBuffer> }> | null = null;
  clicks = 0;
  type = '';
  accept = '';
  href = '';
  download = '';
  rel = '';
  constructor(readonly tag: string) {
    super();
  }
  setAttribute(k: string, v: string) {
    this.attrs.set(k, v);
  }
  click() {
    this.clicks++;
  }
  remove() {
    this.parent?.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
}

class FakeDocument {
  children: FakeElement[] = [];
  body = { appendChild: (el: FakeElement) => (this.children.push(el), (el.parent = this), el) };
  createElement(tag: string) {
    return new FakeElement(tag);
  }
  querySelectorAll(sel: string) {
    const id = /data-testid="([^"]+)"/.exec(sel)?.[1];
    return this.children.filter((c) => c.tag === 'input' && c.attrs.get('data-testid') === id);
  }
}

function setup() {
  const doc = new FakeDocument();
  let t = 1000;
  const url = { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() };
  const timers: Array<() => void> = [];
  const p = createWebPlatform({
    document: doc as unknown as Document,
    window: { print: vi.fn(), setTimeout: ((fn: () => void) => timers.push(fn)) as never },
    url,
    now: () => t,
  });
  return { p, doc, url, timers, advance: (ms: number) => (t += ms) };
}

const fileOf = (name: string, text: string) => ({
  name,
  arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
});

describe('web platform: openFile', () => {
  it('appends one hidden, test-addressable file input to <body> and opens it', () => {
    const { p, doc } = setup();
    void p.openFile({ accept: ['.csv', '.xlsx'] });
    const [input] = doc.children;
    expect(input.attrs.get('data-testid')).toBe(FILE_INPUT_TEST_ID);
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.csv,.xlsx');
    expect(input.style.display).toBe('none');
    expect(input.clicks).toBe(1);
  });

  it('resolves with the chosen file, even after an instant (headless) cancel', async () => {
    const { p, doc, advance } = setup();
    const result = p.openFile({ accept: ['.blbak'] });
    const input = doc.children[0];
    advance(5);
    input.dispatchEvent(new Event('cancel')); // no picker was really shown
    expect(doc.children).toHaveLength(1);
    input.files = [fileOf('shop.blbak', 'BL')];
    input.dispatchEvent(new Event('change'));
    const r = await result;
    expect(r?.name).toBe('shop.blbak');
    expect(new TextDecoder().decode(r!.data)).toBe('BL');
    expect(doc.children).toHaveLength(0);
  });

  it('resolves null when the person cancels the picker', async () => {
    const { p, doc, advance } = setup();
    const result = p.openFile({ accept: ['.blbak'] });
    advance(INSTANT_CANCEL_MS + 1500);
    doc.children[0].dispatchEvent(new Event('cancel'));
    expect(await result).toBeNull();
    expect(doc.children).toHaveLength(0);
  });

  it('a new picker settles the previous one as cancelled and keeps the test id unique', async () => {
    const { p, doc } = setup();
    const first = p.openFile({ accept: ['.csv'] });
    const second = p.openFile({ accept: ['.blbak'] });
    expect(await first).toBeNull();
    expect(doc.querySelectorAll(`input[data-testid="${FILE_INPUT_TEST_ID}"]`)).toHaveLength(1);
    doc.children[0].files = [fileOf('b.blbak', 'x')];
    doc.children[0].dispatchEvent(new Event('change'));
    expect((await second)?.name).toBe('b.blbak');
  });
});

describe('web platform: saveFile', () => {
  it('downloads through a temporary <a download> and revokes the blob URL later', async () => {
    const { p, doc, url, timers } = setup();
    const created: FakeElement[] = [];
    const make = doc.createElement.bind(doc);
    doc.createElement = (tag: string) => {
      const el = make(tag);
      created.push(el);
      return el;
    };
    expect(await p.saveFile({ suggestedName: 'customers.csv', mime: 'text/csv', data: new Uint8Array([65]) })).toEqual({ saved: true });
    const a = created[0];
    expect(a.tag).toBe('a');
    expect(a.download).toBe('customers.csv');
    expect(a.href).toBe('blob:x');
    expect(a.clicks).toBe(1);
    expect(doc.children).toHaveLength(0);
    const blob = (url.createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(blob.type).toBe('text/csv');
    expect(await blob.text()).toBe('A');
    expect(url.revokeObjectURL).not.toHaveBeenCalled();
    timers.forEach((fn) => fn());
    expect(url.revokeObjectURL).toHaveBeenCalledWith('blob:x');
  });
});
