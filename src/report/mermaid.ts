// The report draws the task graph with the plan's renderer, so the plan and the report look alike.
export {
  type GraphNode,
  MAX_DIAGRAM_EDGES,
  MAX_DIAGRAM_NODES,
  renderTaskGraph,
  STATUS_MARK,
  statusText,
} from '../plan/graph.js';
