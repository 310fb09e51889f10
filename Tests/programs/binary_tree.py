# A binary search tree of instances with nullable children (None mixed with instances): insert,
# lookup, in-order traversal into a list, height, deletion, and a recursive string rendering.


class Node(object):
    def __init__(self, key, value):
        self.key = key
        self.value = value
        self.left = None
        self.right = None


class Tree(object):
    def __init__(self):
        self.root = None
        self.size = 0

    def insert(self, key, value):
        if self.root is None:
            self.root = Node(key, value)
            self.size = 1
            return
        node = self.root
        while True:
            if key == node.key:
                node.value = value
                return
            if key < node.key:
                if node.left is None:
                    node.left = Node(key, value)
                    break
                node = node.left
            else:
                if node.right is None:
                    node.right = Node(key, value)
                    break
                node = node.right
        self.size += 1

    def find(self, key):
        node = self.root
        while node is not None:
            if key == node.key:
                return node.value
            node = node.left if key < node.key else node.right
        raise KeyError(key)

    def remove(self, key):
        self.root = remove_from(self.root, key)
        self.size -= 1


def remove_from(node, key):
    if node is None:
        raise KeyError(key)
    if key < node.key:
        node.left = remove_from(node.left, key)
        return node
    if key > node.key:
        node.right = remove_from(node.right, key)
        return node
    if node.left is None:
        return node.right
    if node.right is None:
        return node.left
    successor = node.right
    while successor.left is not None:
        successor = successor.left
    node.key = successor.key
    node.value = successor.value
    node.right = remove_from(node.right, successor.key)
    return node


def in_order(node, out):
    if node is None:
        return
    in_order(node.left, out)
    out.append(node.key)
    in_order(node.right, out)


def height(node):
    if node is None:
        return 0
    return 1 + max(height(node.left), height(node.right))


def render(node):
    if node is None:
        return "."
    if node.left is None and node.right is None:
        return str(node.key)
    return "(" + render(node.left) + " " + str(node.key) + " " + render(node.right) + ")"


def main(argv):
    tree = Tree()
    keys = [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]
    for k in keys:
        tree.insert(k, "v%d" % k)
    tree.insert(40, "forty")
    print(tree.size, height(tree.root), render(tree.root))
    print(tree.find(40), tree.find(65))
    try:
        tree.find(99)
    except KeyError:
        print("99 not found")
    for k in [20, 30, 50]:
        tree.remove(k)
        keys_now = []
        in_order(tree.root, keys_now)
        print("removed", k, keys_now, render(tree.root))
    big = Tree()
    x = 12345
    for i in range(500):
        x = (x * 1103515245 + 12345) % 2147483648
        big.insert(x % 10000, "")
    ordered = []
    in_order(big.root, ordered)
    print(big.size, len(ordered), height(big.root), ordered[:6], ordered == sorted(ordered))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
