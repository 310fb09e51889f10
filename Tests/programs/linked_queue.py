# A linked list and a deque-like queue built from nodes with nullable links: push/pop at both
# ends, reversal in place, iteration by walking links, and an LRU cache on top of a dict.


class Node(object):
    def __init__(self, key, value):
        self.key = key
        self.value = value
        self.prev = None
        self.next = None


class Deque(object):
    def __init__(self):
        self.head = None
        self.tail = None
        self.length = 0

    def push_back(self, node):
        node.prev = self.tail
        node.next = None
        if self.tail is None:
            self.head = node
        else:
            self.tail.next = node
        self.tail = node
        self.length += 1

    def push_front(self, node):
        node.next = self.head
        node.prev = None
        if self.head is None:
            self.tail = node
        else:
            self.head.prev = node
        self.head = node
        self.length += 1

    def unlink(self, node):
        if node.prev is None:
            self.head = node.next
        else:
            node.prev.next = node.next
        if node.next is None:
            self.tail = node.prev
        else:
            node.next.prev = node.prev
        node.prev = None
        node.next = None
        self.length -= 1

    def pop_front(self):
        node = self.head
        if node is None:
            raise IndexError("pop from empty deque")
        self.unlink(node)
        return node

    def keys(self):
        out = []
        node = self.head
        while node is not None:
            out.append(node.key)
            node = node.next
        return out

    def reverse(self):
        node = self.head
        self.head, self.tail = self.tail, self.head
        while node is not None:
            following = node.next
            node.next, node.prev = node.prev, node.next
            node = following


class LruCache(object):
    def __init__(self, capacity):
        self.capacity = capacity
        self.nodes = {}
        self.order = Deque()
        self.hits = 0
        self.misses = 0

    def get(self, key):
        if key not in self.nodes:
            self.misses += 1
            return -1
        self.hits += 1
        node = self.nodes[key]
        self.order.unlink(node)
        self.order.push_back(node)
        return node.value

    def put(self, key, value):
        if key in self.nodes:
            node = self.nodes[key]
            node.value = value
            self.order.unlink(node)
            self.order.push_back(node)
            return
        if self.order.length == self.capacity:
            oldest = self.order.pop_front()
            del self.nodes[oldest.key]
        node = Node(key, value)
        self.nodes[key] = node
        self.order.push_back(node)


def main(argv):
    d = Deque()
    for k in [3, 4, 5]:
        d.push_back(Node(k, k * k))
    d.push_front(Node(2, 4))
    d.push_front(Node(1, 1))
    print(d.keys(), d.length)
    d.reverse()
    print(d.keys())
    print(d.pop_front().key, d.pop_front().value, d.keys(), d.length)
    while d.length > 0:
        d.pop_front()
    try:
        d.pop_front()
    except IndexError:
        print("empty", d.keys(), d.head is None, d.tail is None)
    cache = LruCache(3)
    results = []
    for key in [1, 2, 3, 1, 4, 2, 5, 1, 3, 4, 5, 1]:
        value = cache.get(key)
        if value < 0:
            cache.put(key, key * 100)
        results.append(value)
    print(results)
    print(cache.order.keys(), cache.hits, cache.misses, sorted(cache.nodes.keys()))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
