// The graph drawing: a top-down tree of node boxes in an SVG, an edge per parent → child. Returns
// handles the live figures and the try-it panel update in place (no redraw per second).
import { svg } from './format.js';

const W = 262;
const H = 78;
const GAP_X = 24;
const GAP_Y = 56;
const PAD = 12;

/**
 * Draws `model` (from /graph/model) into `root` (an <svg>). Returns per node name its box group
 * and figure lines, and per "parent>child" its edge and share label.
 */
export function drawGraph(root, model) {
  const byName = new Map(model.nodes.map((n) => [n.name, n]));
  const pos = new Map();
  let nextLeaf = 0;
  let depthMax = 0;
  // Leaves take consecutive columns; a parent sits above the middle of its children.
  const place = (name, depth) => {
    const node = byName.get(name);
    depthMax = Math.max(depthMax, depth);
    let x;
    if (node.children.length === 0) x = nextLeaf++;
    else {
      const xs = node.children.map((c) => place(c, depth + 1));
      x = (xs[0] + xs[xs.length - 1]) / 2;
    }
    pos.set(name, { x, depth });
    return x;
  };
  place(model.root, 0);
  const width = Math.max(1, nextLeaf) * (W + GAP_X) - GAP_X + 2 * PAD;
  const height = (depthMax + 1) * (H + GAP_Y) - GAP_Y + 2 * PAD;
  root.replaceChildren();
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('height', String(Math.min(height, 640)));
  const at = (name) => {
    const p = pos.get(name);
    return { x: PAD + p.x * (W + GAP_X), y: PAD + p.depth * (H + GAP_Y) };
  };

  const edges = new Map();
  const edgeLayer = svg('g');
  const nodeLayer = svg('g');
  root.append(edgeLayer, nodeLayer);
  for (const node of model.nodes) {
    const from = at(node.name);
    node.children.forEach((child, branch) => {
      const to = at(child);
      const x1 = from.x + W / 2;
      const y1 = from.y + H;
      const x2 = to.x + W / 2;
      const y2 = to.y;
      const my = (y1 + y2) / 2;
      const path = svg('path', { class: 'edge', d: `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}` });
      const label = svg('text', { class: 'share', x: x2 + 6, y: y2 - 8 }, '');
      edgeLayer.append(path, label);
      edges.set(`${node.name}>${child}`, { path, label, branch, parent: node.name });
    });
  }

  const nodes = new Map();
  for (const node of model.nodes) {
    const { x, y } = at(node.name);
    const g = svg('g', {
      class: `node ${node.role}`,
      transform: `translate(${x},${y})`,
      'data-node': node.name,
    });
    const title = svg('title', {}, nodeTitle(node));
    const rect = svg('rect', { width: W, height: H, rx: 8 });
    const name = svg('text', { class: 'name', x: 10, y: 19 }, clip(node.name, 32));
    const kind = svg('text', { class: 'kind', x: 10, y: 36 }, clip(kindLine(node, node.transport), 42));
    const figs = svg(
      'text',
      { class: 'figs', x: 10, y: 54 },
      node.transport === 'builtin' ? 'run by the engine' : '',
    );
    const figs2 = svg('text', { class: 'figs', x: 10, y: 69 }, '');
    g.append(title, rect, name, kind, figs, figs2);
    nodeLayer.append(g);
    nodes.set(node.name, { g, kind, figs, figs2, node });
  }
  return { nodes, edges };
}

/** `ROUTER · rest`, `MODEL · SKLEARN_SERVER · grpc`: what the node is and how it is reached. */
export function kindLine(node, transport) {
  const impl = node.implementation === 'UNKNOWN_IMPLEMENTATION' ? null : node.implementation;
  const what = [node.type ?? node.role.toUpperCase(), impl].filter((x) => x && x !== 'UNKNOWN_TYPE');
  return [...what, transport].join(' · ');
}

function nodeTitle(node) {
  const lines = [
    node.name,
    `role: ${node.role}`,
    `type: ${node.type ?? '(none)'}`,
    `implementation: ${node.implementation ?? '(none)'}`,
    `transport: ${node.transport}${node.endpoint ? ` ${node.endpoint}` : ''}`,
  ];
  if (node.children.length > 0) lines.push(`children: ${node.children.join(', ')}`);
  return lines.join('\n');
}

function clip(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
