# Conway's game of life on a small wrapping grid: lists of lists of bools, neighbour counting with
# modulo on negative indices, generations rendered as strings, and a set-like dict of live cells.

WIDTH = 12
HEIGHT = 8
GLIDER = [(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)]
BLINKER = [(8, 4), (9, 4), (10, 4)]


def empty_grid():
    return [[False] * WIDTH for _ in range(HEIGHT)]


def neighbours(grid, x, y):
    n = 0
    for dy in [-1, 0, 1]:
        for dx in [-1, 0, 1]:
            if dx == 0 and dy == 0:
                continue
            if grid[(y + dy) % HEIGHT][(x + dx) % WIDTH]:
                n += 1
    return n


def step(grid):
    new = empty_grid()
    for y in range(HEIGHT):
        for x in range(WIDTH):
            n = neighbours(grid, x, y)
            new[y][x] = n == 3 or (grid[y][x] and n == 2)
    return new


def render(grid):
    lines = []
    for row in grid:
        lines.append("".join(["#" if cell else "." for cell in row]))
    return "\n".join(lines)


def live_cells(grid):
    cells = {}
    for y in range(HEIGHT):
        for x in range(WIDTH):
            if grid[y][x]:
                cells[(x, y)] = True
    return cells


def main(argv):
    grid = empty_grid()
    for x, y in GLIDER + BLINKER:
        grid[y][x] = True
    print(render(grid))
    history = []
    for generation in range(1, 25):
        grid = step(grid)
        history.append(len(live_cells(grid)))
        if generation % 8 == 0:
            print("generation", generation)
            print(render(grid))
    print(history)
    cells = live_cells(grid)
    print(sorted(cells.keys()), (9, 3) in cells)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
