# Shortest paths on a small weighted road map with Dijkstra's algorithm and a hand-written heap.
# Exercises dicts of lists of tuples, tuples in a heap, None as "no predecessor", path rebuilding.

ROADS = [
    ("amber", "birch", 7), ("amber", "cedar", 9), ("amber", "fir", 14),
    ("birch", "cedar", 10), ("birch", "dune", 15), ("cedar", "dune", 11),
    ("cedar", "fir", 2), ("dune", "elm", 6), ("elm", "fir", 9), ("gale", "hazel", 1),
]


class MinHeap(object):
    def __init__(self):
        self.items = []

    def push(self, item):
        items = self.items
        items.append(item)
        i = len(items) - 1
        while i > 0:
            parent = (i - 1) // 2
            if items[parent] <= items[i]:
                break
            items[parent], items[i] = items[i], items[parent]
            i = parent

    def pop(self):
        items = self.items
        top = items[0]
        last = items.pop()
        if items:
            items[0] = last
            i = 0
            while True:
                smallest = i
                left = 2 * i + 1
                right = left + 1
                if left < len(items) and items[left] < items[smallest]:
                    smallest = left
                if right < len(items) and items[right] < items[smallest]:
                    smallest = right
                if smallest == i:
                    break
                items[smallest], items[i] = items[i], items[smallest]
                i = smallest
        return top

    def size(self):
        return len(self.items)


def build_graph(roads):
    graph = {}
    for a, b, w in roads:
        graph.setdefault(a, []).append((b, w))
        graph.setdefault(b, []).append((a, w))
    return graph


def shortest(graph, source):
    dist = {source: 0}
    previous = {}
    previous[source] = None
    heap = MinHeap()
    heap.push((0, source))
    done = {}
    while heap.size() > 0:
        d, node = heap.pop()
        if node in done:
            continue
        done[node] = True
        for neighbour, weight in graph[node]:
            candidate = d + weight
            if neighbour not in dist or candidate < dist[neighbour]:
                dist[neighbour] = candidate
                previous[neighbour] = node
                heap.push((candidate, neighbour))
    return dist, previous


def path_to(previous, target):
    path = []
    node = target
    while node is not None:
        path.append(node)
        node = previous[node]
    path.reverse()
    return path


def main(argv):
    source = "amber"
    if len(argv) > 1:
        source = argv[1]
    graph = build_graph(ROADS)
    print("nodes:", sorted(graph.keys()))
    dist, previous = shortest(graph, source)
    for node in sorted(graph.keys()):
        if node in dist:
            print("%-6s %3d  %s" % (node, dist[node], " -> ".join(path_to(previous, node))))
        else:
            print("%-6s unreachable" % node)
    far = ""
    best = -1
    for node, d in dist.items():
        if d > best:
            best = d
            far = node
    print("farthest:", far, best)
    print(sorted(dist.items()))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
