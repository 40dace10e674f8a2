/** The node and the shadow hosts above it, from the document down. */
function hostPath(node: Node): Node[] {
  const nodes = [node];
  for (let root = node.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode())
    nodes.unshift(root.host);
  return nodes;
}

/**
 * Compares two positions in document order, across shadow roots (where Range's own
 * compareBoundaryPoints throws, since the ranges have different roots).
 */
export function compareComposed(a: Node, offsetA: number, b: Node, offsetB: number): number {
  const pathA = hostPath(a);
  const pathB = hostPath(b);
  for (let i = 0; i < Math.min(pathA.length, pathB.length); i++) {
    const nodeA = pathA[i] as Node;
    const nodeB = pathB[i] as Node;
    if (nodeA !== nodeB) return nodeA.compareDocumentPosition(nodeB) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }
  return offsetA - offsetB;
}
