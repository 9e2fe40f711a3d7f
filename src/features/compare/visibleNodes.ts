import type { CompareNode } from '../../model/compareTraces';

/** Nodes to show: all, or only differing ones and the ancestors that lead to them. */
export function visibleNodes(roots: readonly CompareNode[], onlyDifferences: boolean): CompareNode[] {
  const out: CompareNode[] = [];
  const visit = (node: CompareNode): boolean => {
    const at = out.length;
    out.push(node);
    let differs = node.status !== 'same';
    for (const child of node.children) differs = visit(child) || differs;
    if (onlyDifferences && !differs) out.length = at;
    return differs;
  };
  for (const root of roots) visit(root);
  return out;
}
