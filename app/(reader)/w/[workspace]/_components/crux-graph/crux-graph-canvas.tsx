'use client';
// The crux graph drawn by Cytoscape.js with the fCoSE layout (loaded only in the browser, by crux-graph-view.tsx):
// one node per claim, filled by disagreement level and sized by ratings, a dashed violet ring where bridged and
// aggregate differ, the evidence for/against under the statement; one arrow per crux link K → C, as wide as its
// expected shift. A click (or Enter on a focused node) opens the claim; the view's focus shows a neighbourhood.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';
import { shortLabel } from '../map-format';
import { directionColour, edgeWidth, isBridgedApart, LEVEL_COLOURS, nodeLevel, nodeSize, type CruxGraph } from './crux-graph-data';

let isRegistered = false;
function register() {
  if (!isRegistered) {
    cytoscape.use(fcose);
    isRegistered = true;
  }
}

function elementsOf(graph: CruxGraph, focus: string | null): ElementDefinition[] {
  const nodes: ElementDefinition[] = graph.nodes.map((n) => ({
    group: 'nodes',
    data: {
      id: n.claimId,
      label: `${shortLabel(n.statement || `Claim ${n.claimId.slice(0, 8)}`, 48)}\n▲${n.evidence.for}  ▼${n.evidence.against}`,
      size: nodeSize(n.n),
      fill: LEVEL_COLOURS[nodeLevel(n)],
    },
    classes: [isBridgedApart(n) ? 'bridged-apart' : '', n.claimId === focus ? 'focus' : '', nodeLevel(n) === 'unrated' ? 'unrated' : ''].filter(Boolean).join(' '),
  }));
  const edges: ElementDefinition[] = graph.edges.map((e) => ({
    group: 'edges',
    data: { id: `${e.from}->${e.to}`, source: e.from, target: e.to, width: edgeWidth(e.expectedShift), colour: directionColour(e.direction) },
    classes: e.expectedShift === null ? 'no-numbers' : '',
  }));
  return [...nodes, ...edges];
}

const CELL = { width: 200, height: 120 };

/**
 * The linked claims by fCoSE (label sizes included, so labels do not overlap), then the claims without links in a
 * grid under them, and the whole fitted to the box: a force layout alone would pile the unlinked ones together.
 */
function arrange(cy: Core) {
  const linked = cy.nodes().filter((n) => n.degree(false) > 0);
  const alone = cy.nodes().filter((n) => n.degree(false) === 0);
  let top = 0;
  let centre = 0;
  if (linked.nonempty()) {
    linked
      .union(linked.connectedEdges())
      .layout({
        name: 'fcose',
        animate: false,
        randomize: true,
        quality: 'proof',
        nodeDimensionsIncludeLabels: true,
        nodeRepulsion: () => 12000,
        idealEdgeLength: () => 170,
        nodeSeparation: 120,
        fit: false,
      } as cytoscape.LayoutOptions)
      .run();
    const box = linked.boundingBox({ includeLabels: true });
    top = box.y2 + CELL.height * 0.8;
    centre = (box.x1 + box.x2) / 2;
  }
  if (alone.nonempty()) {
    const columns = Math.max(3, Math.min(8, Math.ceil(Math.sqrt(alone.length * 2.5))));
    const width = (Math.min(columns, alone.length) - 1) * CELL.width;
    alone.forEach((node, i) => {
      node.position({ x: centre - width / 2 + (i % columns) * CELL.width, y: top + Math.floor(i / columns) * CELL.height });
    });
  }
  cy.fit(undefined, 24);
}

export default function CruxGraphCanvas({
  graph,
  focus,
  onOpen,
  label,
}: {
  graph: CruxGraph;
  focus: string | null;
  onOpen: (claimId: string) => void;
  label: string;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    register();
    const cy = cytoscape({
      container,
      elements: elementsOf(graph, focus),
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: 'node',
          style: {
            width: 'data(size)',
            height: 'data(size)',
            'background-color': 'data(fill)',
            'border-width': 1.5,
            'border-color': '#57534e',
            label: 'data(label)',
            'font-size': 13,
            'z-index-compare': 'manual',
            'z-index': 1,
            'font-family': 'ui-sans-serif, system-ui, sans-serif',
            color: '#1c1917',
            'text-wrap': 'wrap',
            'text-max-width': '170px',
            'text-valign': 'bottom',
            'text-margin-y': 4,
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.85,
            'text-background-padding': '2px',
          },
        },
        { selector: 'node.unrated', style: { 'border-style': 'dotted' } },
        { selector: 'node.bridged-apart', style: { 'border-width': 4, 'border-color': '#7c3aed', 'border-style': 'dashed' } },
        { selector: 'node.focus', style: { 'underlay-color': '#2563eb', 'underlay-opacity': 0.25, 'underlay-padding': 9, 'underlay-shape': 'ellipse', 'font-weight': 'bold' } },
        {
          selector: 'edge',
          style: {
            width: 'data(width)',
            'line-color': 'data(colour)',
            'target-arrow-color': 'data(colour)',
            'target-arrow-shape': 'triangle',
            'arrow-scale': 1.1,
            'curve-style': 'bezier',
            opacity: 0.85,
            // over the labels, so that an arrow leaving through a label still shows its head
            'z-index-compare': 'manual',
            'z-index': 2,
          },
        },
        { selector: 'edge.no-numbers', style: { 'line-style': 'dashed' } },
      ],
      layout: { name: 'preset' },
    });
    arrange(cy);
    cy.on('tap', 'node', (event) => onOpenRef.current((event.target as cytoscape.NodeSingular).id()));
    cy.on('mouseover', 'node', () => {
      container.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', () => {
      container.style.cursor = '';
    });
    cyRef.current = cy;
    container.dataset.ready = 'true';
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, [graph, focus]);

  return (
    <div
      ref={containerRef}
      role="img"
      aria-label={label}
      className={`${graph.nodes.length > 20 ? 'h-[44rem]' : 'h-[32rem]'} w-full rounded-lg border border-stone-200 bg-white`}
      data-testid="crux-graph-canvas"
      data-nodes={graph.nodes.length}
      data-edges={graph.edges.length}
    />
  );
}
