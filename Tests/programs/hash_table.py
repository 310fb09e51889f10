# An open-addressing hash table from str to int with FNV-1a hashing done in wrapped 64-bit arithmetic
# (clrpy.rlib.intmask / r_uint), linear probing, tombstones on delete and growth when 2/3 full.
from clrpy.rlib import intmask, r_uint

FNV_OFFSET = -3750763034362895579  # 0xcbf29ce484222325 as a signed machine word
FNV_PRIME = 1099511628211
EMPTY = 0
USED = 1
DELETED = 2


def fnv1a(text):
    h = r_uint(FNV_OFFSET)
    for ch in text:
        h = h ^ r_uint(ord(ch))
        h = r_uint(h * r_uint(FNV_PRIME))
    return intmask(h)


class Table(object):
    def __init__(self, capacity):
        self.keys = [""] * capacity
        self.values = [0] * capacity
        self.states = [EMPTY] * capacity
        self.count = 0
        self.filled = 0
        self.probes = 0

    def slot_for(self, key):
        mask = len(self.keys) - 1
        i = fnv1a(key) & mask
        first_deleted = -1
        while True:
            self.probes += 1
            state = self.states[i]
            if state == EMPTY:
                if first_deleted >= 0:
                    return first_deleted
                return i
            if state == DELETED:
                if first_deleted < 0:
                    first_deleted = i
            elif self.keys[i] == key:
                return i
            i = (i + 1) & mask

    def put(self, key, value):
        if (self.filled + 1) * 3 > len(self.keys) * 2:
            self.grow()
        i = self.slot_for(key)
        if self.states[i] != USED:
            if self.states[i] == EMPTY:
                self.filled += 1
            self.count += 1
            self.states[i] = USED
            self.keys[i] = key
        self.values[i] = value

    def get(self, key, default):
        i = self.slot_for(key)
        if self.states[i] == USED and self.keys[i] == key:
            return self.values[i]
        return default

    def remove(self, key):
        i = self.slot_for(key)
        if self.states[i] != USED or self.keys[i] != key:
            raise KeyError(key)
        self.states[i] = DELETED
        self.keys[i] = ""
        self.count -= 1

    def grow(self):
        old_keys = self.keys
        old_values = self.values
        old_states = self.states
        capacity = len(old_keys) * 2
        self.keys = [""] * capacity
        self.values = [0] * capacity
        self.states = [EMPTY] * capacity
        self.count = 0
        self.filled = 0
        for i in range(len(old_keys)):
            if old_states[i] == USED:
                self.put(old_keys[i], old_values[i])

    def items(self):
        result = []
        for i in range(len(self.keys)):
            if self.states[i] == USED:
                result.append((self.keys[i], self.values[i]))
        return result


def main(argv):
    for word in ["", "a", "foobar", "clrpy"]:
        print(repr(word), fnv1a(word), fnv1a(word) & 1023)
    table = Table(8)
    words = "the quick brown fox jumps over the lazy dog while the cat sleeps by the fox".split()
    for word in words:
        table.put(word, table.get(word, 0) + 1)
    print("count", table.count, "capacity", len(table.keys))
    print(sorted(table.items()))
    for word in ["the", "fox", "cow"]:
        print(word, table.get(word, -1))
    table.remove("the")
    table.remove("fox")
    try:
        table.remove("fox")
    except KeyError as e:
        print("KeyError", e)
    table.put("fox", 7)
    print("count", table.count, "get fox", table.get("fox", 0), "get the", table.get("the", 0))
    for i in range(200):
        table.put("k%d" % i, i * i)
    print("count", table.count, "capacity", len(table.keys), "k150", table.get("k150", 0))
    print("probes", table.probes > 0)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
