# Benchmark: a task scheduler in the style of Martin Richards' classic benchmark (an OS kernel
# simulation: an idle task, a worker, two handlers and two devices passing packets). Polymorphic
# method calls, nullable instance fields, linked lists. Run: richards.py [ITERATIONS]
# Each iteration builds a fresh scheduler and runs it to completion; prints the packet and hold counts.

I_IDLE = 1
I_WORK = 2
I_HANDLER_A = 3
I_HANDLER_B = 4
I_DEVICE_A = 5
I_DEVICE_B = 6

K_DEVICE = 1000
K_WORK = 1001

BUFFER_SIZE = 4


class Packet(object):
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFFER_SIZE

    def append_to(self, queue):
        """Appends this packet at the end of queue (which may be empty) and returns the queue."""
        self.link = None
        if queue is None:
            return self
        last = queue
        following = last.link
        while following is not None:
            last = following
            following = last.link
        last.link = self
        return queue


class Scheduler(object):
    def __init__(self):
        self.tasks = []
        self.task_list = None
        self.hold_count = 0
        self.queue_count = 0

    def find(self, ident):
        return self.tasks[ident - 1]

    def add(self, task):
        task.link = self.task_list
        self.task_list = task
        self.tasks.append(task)

    def schedule(self):
        task = self.task_list
        while task is not None:
            if task.is_held_or_waiting_without_packet():
                task = task.link
            else:
                task = task.run(self)


class Task(object):
    def __init__(self, ident, priority, queue, packet_pending, waiting, holding):
        self.link = None
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = packet_pending
        self.waiting = waiting
        self.holding = holding

    def is_held_or_waiting_without_packet(self):
        return self.holding or (not self.packet_pending and self.waiting)

    def is_waiting_with_packet(self):
        return self.packet_pending and self.waiting and not self.holding

    def run(self, scheduler):
        packet = None
        if self.is_waiting_with_packet():
            packet = self.queue
            self.queue = packet.link
            self.waiting = False
            self.holding = False
            self.packet_pending = self.queue is not None
        return self.step(packet, scheduler)

    def step(self, packet, scheduler):
        raise NotImplementedError("Task.step")

    def wait(self):
        self.waiting = True
        return self

    def hold(self, scheduler):
        scheduler.hold_count += 1
        self.holding = True
        return self.link

    def release(self, ident, scheduler):
        task = scheduler.find(ident)
        task.holding = False
        if task.priority > self.priority:
            return task
        return self

    def send(self, packet, scheduler):
        target = scheduler.find(packet.ident)
        scheduler.queue_count += 1
        packet.link = None
        packet.ident = self.ident
        return target.receive(packet, self)

    def receive(self, packet, sender):
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > sender.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return sender


class IdleTask(Task):
    def __init__(self, ident, priority, count):
        Task.__init__(self, ident, priority, None, True, False, False)
        self.control = 1
        self.count = count

    def step(self, packet, scheduler):
        self.count -= 1
        if self.count == 0:
            return self.hold(scheduler)
        if self.control & 1 == 0:
            self.control = self.control // 2
            return self.release(I_DEVICE_A, scheduler)
        self.control = (self.control // 2) ^ 0xD008
        return self.release(I_DEVICE_B, scheduler)


class WorkTask(Task):
    def __init__(self, ident, priority, queue):
        Task.__init__(self, ident, priority, queue, True, True, False)
        self.destination = I_HANDLER_A
        self.count = 0

    def step(self, packet, scheduler):
        if packet is None:
            return self.wait()
        if self.destination == I_HANDLER_A:
            self.destination = I_HANDLER_B
        else:
            self.destination = I_HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(BUFFER_SIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = ord("A") + self.count - 1
        return self.send(packet, scheduler)


class HandlerTask(Task):
    def __init__(self, ident, priority, queue):
        Task.__init__(self, ident, priority, queue, True, True, False)
        self.work_queue = None
        self.device_queue = None

    def step(self, packet, scheduler):
        if packet is not None:
            if packet.kind == K_WORK:
                self.work_queue = packet.append_to(self.work_queue)
            else:
                self.device_queue = packet.append_to(self.device_queue)
        work = self.work_queue
        if work is None:
            return self.wait()
        index = work.datum
        if index >= BUFFER_SIZE:
            self.work_queue = work.link
            return self.send(work, scheduler)
        device = self.device_queue
        if device is None:
            return self.wait()
        self.device_queue = device.link
        device.datum = work.data[index]
        work.datum = index + 1
        return self.send(device, scheduler)


class DeviceTask(Task):
    def __init__(self, ident, priority):
        Task.__init__(self, ident, priority, None, False, True, False)
        self.pending = None

    def step(self, packet, scheduler):
        if packet is None:
            pending = self.pending
            if pending is None:
                return self.wait()
            self.pending = None
            return self.send(pending, scheduler)
        self.pending = packet
        return self.hold(scheduler)


def run_once(idle_count):
    scheduler = Scheduler()
    scheduler.add(IdleTask(I_IDLE, 1, idle_count))
    work = Packet(None, 0, K_WORK)
    work = Packet(work, 0, K_WORK)
    scheduler.add(WorkTask(I_WORK, 1000, work))
    device = Packet(None, I_DEVICE_A, K_DEVICE)
    device = Packet(device, I_DEVICE_A, K_DEVICE)
    device = Packet(device, I_DEVICE_A, K_DEVICE)
    scheduler.add(HandlerTask(I_HANDLER_A, 2000, device))
    device = Packet(None, I_DEVICE_B, K_DEVICE)
    device = Packet(device, I_DEVICE_B, K_DEVICE)
    device = Packet(device, I_DEVICE_B, K_DEVICE)
    scheduler.add(HandlerTask(I_HANDLER_B, 3000, device))
    scheduler.add(DeviceTask(I_DEVICE_A, 4000))
    scheduler.add(DeviceTask(I_DEVICE_B, 5000))
    scheduler.schedule()
    return scheduler.queue_count, scheduler.hold_count


def main(argv):
    iterations = 10
    if len(argv) > 1:
        iterations = int(argv[1])
    idle_count = 10000
    if len(argv) > 2:
        idle_count = int(argv[2])
    checksum = 0
    queued = 0
    held = 0
    for i in range(iterations):
        queued, held = run_once(idle_count)
        checksum = (checksum * 31 + queued * 7 + held) % 1000000007
    print("richards: iterations=%d queued=%d held=%d checksum=%d" % (iterations, queued, held, checksum))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
