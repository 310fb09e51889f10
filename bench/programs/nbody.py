# Benchmark: n-body simulation of the Jovian planets (float arithmetic on instance fields, sqrt).
# Run: nbody.py [ITERATIONS] [STEPS]; each iteration resets the system, advances it STEPS times
# and adds its energy to the checksum. Prints energies with 9 decimals.
import math

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


class Body(object):
    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx * DAYS_PER_YEAR
        self.vy = vy * DAYS_PER_YEAR
        self.vz = vz * DAYS_PER_YEAR
        self.mass = mass * SOLAR_MASS


def make_system():
    sun = Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    jupiter = Body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
                   1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05,
                   9.54791938424326609e-04)
    saturn = Body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
                  -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05,
                  2.85885980666130812e-04)
    uranus = Body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
                  2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05,
                  4.36624404335156298e-05)
    neptune = Body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
                   2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05,
                   5.15138902046611451e-05)
    bodies = [sun, jupiter, saturn, uranus, neptune]
    offset_momentum(bodies)
    return bodies


def offset_momentum(bodies):
    px = 0.0
    py = 0.0
    pz = 0.0
    for body in bodies:
        px += body.vx * body.mass
        py += body.vy * body.mass
        pz += body.vz * body.mass
    sun = bodies[0]
    sun.vx = -px / SOLAR_MASS
    sun.vy = -py / SOLAR_MASS
    sun.vz = -pz / SOLAR_MASS


def advance(bodies, dt, steps):
    count = len(bodies)
    for step in range(steps):
        for i in range(count):
            b1 = bodies[i]
            for j in range(i + 1, count):
                b2 = bodies[j]
                dx = b1.x - b2.x
                dy = b1.y - b2.y
                dz = b1.z - b2.z
                distance2 = dx * dx + dy * dy + dz * dz
                magnitude = dt / (distance2 * math.sqrt(distance2))
                m1 = b1.mass * magnitude
                m2 = b2.mass * magnitude
                b1.vx -= dx * m2
                b1.vy -= dy * m2
                b1.vz -= dz * m2
                b2.vx += dx * m1
                b2.vy += dy * m1
                b2.vz += dz * m1
        for body in bodies:
            body.x += dt * body.vx
            body.y += dt * body.vy
            body.z += dt * body.vz


def energy(bodies):
    total = 0.0
    count = len(bodies)
    for i in range(count):
        b1 = bodies[i]
        total += 0.5 * b1.mass * (b1.vx * b1.vx + b1.vy * b1.vy + b1.vz * b1.vz)
        for j in range(i + 1, count):
            b2 = bodies[j]
            dx = b1.x - b2.x
            dy = b1.y - b2.y
            dz = b1.z - b2.z
            total -= b1.mass * b2.mass / math.sqrt(dx * dx + dy * dy + dz * dz)
    return total


def main(argv):
    iterations = 10
    if len(argv) > 1:
        iterations = int(argv[1])
    steps = 20000
    if len(argv) > 2:
        steps = int(argv[2])
    checksum = 0.0
    before = 0.0
    after = 0.0
    for i in range(iterations):
        bodies = make_system()
        before = energy(bodies)
        advance(bodies, 0.01, steps)
        after = energy(bodies)
        checksum += after
    print("nbody: iterations=%d steps=%d" % (iterations, steps))
    print("energy before: %.9f" % before)
    print("energy after: %.9f" % after)
    print("checksum: %.9f exact %s" % (checksum, repr(checksum)))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
