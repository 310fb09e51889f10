# A binary min-heap priority queue of (priority, name) tuples, used to schedule tasks.


class Heap(object):
    def __init__(self):
        self.items = []

    def push(self, priority, name):
        self.items.append((priority, name))
        i = len(self.items) - 1
        while i > 0:
            parent = (i - 1) // 2
            if self.items[parent][0] <= self.items[i][0]:
                break
            self.items[parent], self.items[i] = self.items[i], self.items[parent]
            i = parent

    def pop(self):
        top = self.items[0]
        last = self.items.pop()
        if len(self.items) > 0:
            self.items[0] = last
            i = 0
            n = len(self.items)
            while True:
                left = 2 * i + 1
                right = left + 1
                smallest = i
                if left < n and self.items[left][0] < self.items[smallest][0]:
                    smallest = left
                if right < n and self.items[right][0] < self.items[smallest][0]:
                    smallest = right
                if smallest == i:
                    break
                self.items[i], self.items[smallest] = self.items[smallest], self.items[i]
                i = smallest
        return top

    def size(self):
        return len(self.items)


def main(argv):
    heap = Heap()
    tasks = [(5, "write"), (1, "plan"), (9, "ship"), (3, "test"), (7, "review"), (2, "design")]
    for priority, name in tasks:
        heap.push(priority, name)
    order = []
    while heap.size() > 0:
        priority, name = heap.pop()
        order.append(name + ":" + str(priority))
    print(" ".join(order))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
