//! A layered left-to-right layout for an imported diagram (Sugiyama's method): break
//! cycles by reversing a small feedback arc set, put each component one layer right of
//! what feeds it (longest path over a topological order), order each layer by the mean
//! position of its neighbours (barycentre sweeps, down and up) to cut crossings, then
//! place boxes on a grid so none overlap.

use crate::model::{ComponentId, Diagram, Point};
use petgraph::algo::{greedy_feedback_arc_set, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;

/// Horizontal distance between layers (a box is 200 wide in the editor).
pub const LAYER_GAP: f64 = 256.0;
/// Vertical distance between boxes of one layer (a box is 80 high).
pub const ROW_GAP: f64 = 140.0;
/// The top-left margin.
pub const MARGIN: f64 = 40.0;
const SWEEPS: usize = 8;

/// Places every component of `diagram` by the layered layout.
pub fn arrange(diagram: &mut Diagram) {
    let ids: Vec<ComponentId> = diagram.components().map(|c| c.id).collect();
    let index: HashMap<ComponentId, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut graph = DiGraph::<usize, ()>::with_capacity(ids.len(), diagram.connection_count());
    let nodes: Vec<NodeIndex> = (0..ids.len()).map(|i| graph.add_node(i)).collect();
    for c in diagram.connections() {
        if let (Some(&a), Some(&b)) = (index.get(&c.from), index.get(&c.to)) {
            if a != b {
                graph.update_edge(nodes[a], nodes[b], ());
            }
        }
    }
    // Cycle breaking: reverse the edges of a greedy feedback arc set.
    let reversed: Vec<(NodeIndex, NodeIndex)> = greedy_feedback_arc_set(&graph).map(|e| (e.source(), e.target())).collect();
    let mut dag = DiGraph::<usize, ()>::with_capacity(ids.len(), graph.edge_count());
    let dag_nodes: Vec<NodeIndex> = (0..ids.len()).map(|i| dag.add_node(i)).collect();
    for e in graph.edge_references() {
        let (a, b) = if reversed.contains(&(e.source(), e.target())) { (e.target(), e.source()) } else { (e.source(), e.target()) };
        dag.update_edge(dag_nodes[graph[a]], dag_nodes[graph[b]], ());
    }
    // Layers: the longest path from a source, over a topological order.
    let order = toposort(&dag, None).unwrap_or_else(|_| dag_nodes.clone());
    let mut layer = vec![0usize; ids.len()];
    for n in &order {
        let here = layer[dag[*n]];
        for next in dag.neighbors(*n) {
            let j = dag[next];
            layer[j] = layer[j].max(here + 1);
        }
    }
    let layers = layer.iter().copied().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); layers];
    for (i, &l) in layer.iter().enumerate() {
        rows[l].push(i);
    }
    let preds: Vec<Vec<usize>> = (0..ids.len()).map(|i| dag.neighbors_directed(dag_nodes[i], petgraph::Incoming).map(|n| dag[n]).collect()).collect();
    let succs: Vec<Vec<usize>> = (0..ids.len()).map(|i| dag.neighbors(dag_nodes[i]).map(|n| dag[n]).collect()).collect();
    // Crossing reduction: barycentre sweeps, keeping the order with fewest crossings.
    let mut best = rows.clone();
    let mut best_crossings = crossings(&rows, &succs);
    for sweep in 0..SWEEPS {
        let down = sweep % 2 == 0;
        let range: Vec<usize> = if down { (1..layers).collect() } else { (0..layers.saturating_sub(1)).rev().collect() };
        for l in range {
            let neighbour_row = if down { &rows[l - 1] } else { &rows[l + 1] };
            let position: HashMap<usize, usize> = neighbour_row.iter().enumerate().map(|(p, &n)| (n, p)).collect();
            let current: HashMap<usize, usize> = rows[l].iter().enumerate().map(|(p, &n)| (n, p)).collect();
            let mut keyed: Vec<(f64, usize)> = rows[l]
                .iter()
                .map(|&n| {
                    let around = if down { &preds[n] } else { &succs[n] };
                    let at: Vec<f64> = around.iter().filter_map(|m| position.get(m)).map(|&p| p as f64).collect();
                    let key = if at.is_empty() { current[&n] as f64 } else { at.iter().sum::<f64>() / at.len() as f64 };
                    (key, n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(current[&a.1].cmp(&current[&b.1])));
            rows[l] = keyed.into_iter().map(|(_, n)| n).collect();
        }
        let now = crossings(&rows, &succs);
        if now < best_crossings {
            best_crossings = now;
            best = rows.clone();
        }
    }
    // Coordinates: one column per layer, one row per place in the layer.
    for (l, row) in best.iter().enumerate() {
        for (p, &i) in row.iter().enumerate() {
            if let Some(c) = diagram.component_mut(ids[i]) {
                c.position = Point { x: MARGIN + l as f64 * LAYER_GAP, y: MARGIN + p as f64 * ROW_GAP };
            }
        }
    }
}

/// Edge crossings between consecutive layers (edges spanning layers count by their ends).
pub fn crossings(rows: &[Vec<usize>], succs: &[Vec<usize>]) -> usize {
    let mut place: HashMap<usize, (usize, usize)> = HashMap::new();
    for (l, row) in rows.iter().enumerate() {
        for (p, &n) in row.iter().enumerate() {
            place.insert(n, (l, p));
        }
    }
    let mut edges: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for (n, targets) in succs.iter().enumerate() {
        for t in targets {
            if let (Some(&a), Some(&b)) = (place.get(&n), place.get(t)) {
                edges.push((a, b));
            }
        }
    }
    let mut count = 0;
    for (i, (a1, b1)) in edges.iter().enumerate() {
        for (a2, b2) in &edges[i + 1..] {
            if a1.0 == a2.0 && b1.0 == b2.0 && (a1.1 < a2.1) != (b1.1 < b2.1) && a1.1 != a2.1 && b1.1 != b2.1 {
                count += 1;
            }
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ComponentKind as K;

    #[test]
    fn boxes_never_overlap_and_flow_left_to_right() {
        let mut d = Diagram::new();
        let a = d.add_component(K::Client, "a", Point::default());
        let q = d.add_component(K::Queue, "q", Point::default());
        let f = d.add_component(K::Function, "f", Point::default());
        let t = d.add_component(K::Topic, "t", Point::default());
        d.connect(a, q).unwrap();
        d.connect(q, f).unwrap();
        d.connect(f, t).unwrap();
        d.connect(t, q).unwrap();
        arrange(&mut d);
        let p: Vec<Point> = d.components().map(|c| c.position).collect();
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                assert!((p[i].x - p[j].x).abs() >= 200.0 || (p[i].y - p[j].y).abs() >= 80.0, "{p:?}");
            }
        }
        let x = |id| d.component(id).unwrap().position.x;
        assert!(x(a) < x(q) && x(q) < x(f), "{p:?}");
    }

    #[test]
    fn barycentre_sweeps_remove_avoidable_crossings() {
        // Added in an order that crosses every pair: c0 -> q2, c1 -> q1, c2 -> q0.
        let mut d = Diagram::new();
        let c: Vec<_> = (0..3).map(|i| d.add_component(K::Client, format!("c{i}"), Point::default())).collect();
        let q: Vec<_> = (0..3).map(|i| d.add_component(K::Queue, format!("q{i}"), Point::default())).collect();
        for i in 0..3 {
            d.connect(c[i], q[2 - i]).unwrap();
        }
        arrange(&mut d);
        let y = |id| d.component(id).unwrap().position.y;
        let mut pairs: Vec<(f64, f64)> = (0..3).map(|i| (y(c[i]), y(q[2 - i]))).collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(pairs.windows(2).all(|w| w[0].1 < w[1].1), "edges cross: {pairs:?}");
    }
}
