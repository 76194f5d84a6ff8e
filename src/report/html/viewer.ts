/// <reference lib="dom" />
/**
 * The report page's script, inlined into the HTML (no network at view time): zoom and pan of the
 * diagram (wheel, drag, buttons), search for a table, focus on one table and its neighbours, links
 * from findings to their table. It runs in the browser: only the DOM, nothing imported.
 */
export function viewer(): void {
  const data = document.getElementById('pgdrift-data');
  const download = document.getElementById('download');
  if (data && download) download.setAttribute('href', URL.createObjectURL(new Blob([data.textContent ?? ''], { type: 'application/json' })));
  const svg = document.getElementById('erd') as unknown as SVGSVGElement | null;
  if (!svg) return;
  const full = { x: 0, y: 0, w: Number(svg.dataset.width), h: Number(svg.dataset.height) };
  let view = { ...full };
  const show = (v: typeof view) => {
    view = v;
    svg.setAttribute('viewBox', `${v.x} ${v.y} ${v.w} ${v.h}`);
  };
  const tables = [...svg.querySelectorAll<SVGGElement>('g.table')];
  const edges = [...svg.querySelectorAll<SVGPathElement>('path.edge')];
  const boxOf = (g: Element) => {
    const [x, y, w, h] = (g.getAttribute('data-box') ?? '0 0 0 0').split(' ').map(Number) as [number, number, number, number];
    return { x, y, w, h };
  };
  const status = document.getElementById('focus-status');

  /**
   * Show the boxes, with a margin, as large as the view allows; when they are too far apart to read
   * at once (a table half the schema references), the first is centred at a readable size.
   */
  const zoomTo = (boxes: { x: number; y: number; w: number; h: number }[]) => {
    const m = 40;
    const x0 = Math.min(...boxes.map((b) => b.x)) - m;
    const y0 = Math.min(...boxes.map((b) => b.y)) - m;
    const x1 = Math.max(...boxes.map((b) => b.x + b.w)) + m;
    const y1 = Math.max(...boxes.map((b) => b.y + b.h)) + m;
    const readable = 0.55;
    const maxW = svg.clientWidth / readable;
    const maxH = svg.clientHeight / readable;
    if (x1 - x0 <= maxW && y1 - y0 <= maxH) {
      // No larger than 1.2× life size: a small neighbourhood is shown in its surroundings.
      const w = Math.max(x1 - x0, svg.clientWidth / 1.2);
      const h = Math.max(y1 - y0, svg.clientHeight / 1.2);
      return show({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h });
    }
    const first = boxes[0]!;
    show({ x: first.x + first.w / 2 - maxW / 2, y: first.y + first.h / 2 - maxH / 2, w: maxW, h: maxH });
  };

  const clear = () => {
    svg.classList.remove('focused');
    for (const el of svg.querySelectorAll('.on, .picked')) el.classList.remove('on', 'picked');
    if (status) status.textContent = '';
  };

  /** Focus one table: it and the tables its foreign keys join stay lit, the rest dims. */
  const focus = (id: string) => {
    const picked = document.getElementById(id);
    if (!picked) return;
    clear();
    const lit = new Set([id]);
    for (const e of edges) {
      if (e.dataset.from === id || e.dataset.to === id) {
        e.classList.add('on');
        lit.add(e.dataset.from ?? '');
        lit.add(e.dataset.to ?? '');
      }
    }
    const shown = tables.filter((t) => lit.has(t.id));
    for (const t of shown) t.classList.add('on');
    picked.classList.add('picked');
    svg.classList.add('focused');
    zoomTo([boxOf(picked), ...shown.map(boxOf)]);
    if (status) status.textContent = `${picked.dataset.table} and ${shown.length - 1} neighbour${shown.length === 2 ? '' : 's'}`;
  };

  // Zoom and pan: the wheel zooms around the pointer, a drag moves the view.
  const toSvg = (clientX: number, clientY: number) => {
    const ctm = svg.getScreenCTM();
    if (!ctm) return { x: 0, y: 0 };
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return { x: p.x, y: p.y };
  };
  const zoom = (factor: number, at = { x: view.x + view.w / 2, y: view.y + view.h / 2 }) => {
    const w = Math.min(full.w * 4, Math.max(80, view.w * factor));
    const k = w / view.w;
    show({ x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k, w, h: view.h * k });
  };
  svg.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    zoom(Math.exp(ev.deltaY * 0.0015), toSvg(ev.clientX, ev.clientY));
  }, { passive: false });
  let drag: { x: number; y: number; moved: boolean } | undefined;
  svg.addEventListener('pointerdown', (ev) => {
    drag = { ...toSvg(ev.clientX, ev.clientY), moved: false };
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag || ev.buttons !== 1) return;
    const p = toSvg(ev.clientX, ev.clientY);
    if (Math.abs(p.x - drag.x) + Math.abs(p.y - drag.y) > 2) drag.moved = true;
    if (drag.moved) {
      svg.setPointerCapture(ev.pointerId);
      show({ ...view, x: view.x - (p.x - drag.x), y: view.y - (p.y - drag.y) });
    }
  });
  svg.addEventListener('pointerup', (ev) => {
    const clicked = drag && !drag.moved;
    drag = undefined;
    if (!clicked) return;
    const table = (ev.target as Element).closest('g.table');
    if (table) focus(table.id);
    else clear();
  });

  const button = (id: string, run: () => void) => document.getElementById(id)?.addEventListener('click', run);
  button('zoom-in', () => zoom(1 / 1.4));
  button('zoom-out', () => zoom(1.4));
  button('zoom-fit', () => {
    clear();
    show(full);
  });

  // Search: matches listed as one types; Enter, or a click, focuses one.
  const input = document.getElementById('search') as HTMLInputElement | null;
  const list = document.getElementById('matches');
  const matches = (text: string) => {
    const q = text.trim().toLowerCase();
    return q ? tables.filter((t) => (t.dataset.table ?? '').toLowerCase().includes(q)).slice(0, 20) : [];
  };
  input?.addEventListener('input', () => {
    if (!list) return;
    list.replaceChildren(...matches(input.value).map((t) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t.dataset.table ?? '';
      b.addEventListener('click', () => {
        focus(t.id);
        list.replaceChildren();
      });
      li.append(b);
      return li;
    }));
  });
  input?.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      input.value = '';
      list?.replaceChildren();
      clear();
      show(full);
    } else if (ev.key === 'Enter') {
      const q = input.value.trim().toLowerCase();
      const found = matches(input.value);
      // The exact name first (`users` before `users_roles`), then the first that holds it.
      const best = found.find((t) => (t.dataset.table ?? '').toLowerCase().split('.').pop()?.replaceAll('"', '') === q) ?? found[0];
      if (best) focus(best.id);
      list?.replaceChildren();
    }
  });

  // A link or button with data-focus (findings, foreign keys, table sections) focuses its table.
  document.addEventListener('click', (ev) => {
    const el = (ev.target as Element).closest<HTMLElement>('[data-focus]');
    if (!el?.dataset.focus) return;
    focus(el.dataset.focus);
    if (el.tagName === 'BUTTON') document.getElementById('diagram')?.scrollIntoView();
  });

  // Printed, the diagram shows the whole schema.
  let before = view;
  window.addEventListener('beforeprint', () => {
    before = view;
    show(full);
  });
  window.addEventListener('afterprint', () => show(before));
}
