# A discrete-event simulation of a bank queue with a binary heap of (time, seq, kind) tuples,
# a deterministic pseudo-random generator, customers as instances and statistics at the end.

ARRIVAL = 0
DEPARTURE = 1


class Random(object):
    def __init__(self, seed):
        self.state = seed

    def next(self, bound):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 16) % bound


class Heap(object):
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
        if len(items) > 0:
            items[0] = last
            i = 0
            n = len(items)
            while True:
                smallest = i
                left = 2 * i + 1
                right = left + 1
                if left < n and items[left] < items[smallest]:
                    smallest = left
                if right < n and items[right] < items[smallest]:
                    smallest = right
                if smallest == i:
                    break
                items[i], items[smallest] = items[smallest], items[i]
                i = smallest
        return top

    def size(self):
        return len(self.items)


class Customer(object):
    def __init__(self, ident, arrival):
        self.ident = ident
        self.arrival = arrival
        self.start = -1


def simulate(customers, tellers, seed):
    rng = Random(seed)
    events = Heap()
    seq = 0
    t = 0
    people = []
    for i in range(customers):
        t += rng.next(10)
        people.append(Customer(i, t))
        events.push((t, seq, ARRIVAL, i))
        seq += 1
    free = tellers
    waiting = []
    total_wait = 0
    longest_queue = 0
    now = 0
    while events.size() > 0:
        now, _, kind, who = events.pop()
        if kind == ARRIVAL:
            waiting.append(who)
        else:
            free += 1
        while free > 0 and len(waiting) > 0:
            person = people[waiting.pop(0)]
            person.start = now
            total_wait += now - person.arrival
            free -= 1
            events.push((now + 5 + rng.next(15), seq, DEPARTURE, person.ident))
            seq += 1
        longest_queue = max(longest_queue, len(waiting))
    return now, total_wait, longest_queue, people


def main(argv):
    for tellers in [1, 2, 3]:
        end, total_wait, longest, people = simulate(200, tellers, 42)
        print("tellers %d: end %d, average wait %.2f, longest queue %d, last start %d"
              % (tellers, end, total_wait / len(people), longest, people[-1].start))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
