# A small Richards-like scheduler: tasks of several kinds (idle, worker, handler, device) with
# priorities, packets passed between them through queues, and polymorphic run() methods.

IDLE = 0
WORKER = 1
HANDLER_A = 2
HANDLER_B = 3
DEVICE_A = 4
DEVICE_B = 5
TASK_COUNT = 6

KIND_DEVICE = 0
KIND_WORK = 1


class Packet(object):
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * 4

    def append_to(self, queue):
        self.link = None
        if queue is None:
            return self
        tail = queue
        while tail.link is not None:
            tail = tail.link
        tail.link = self
        return queue


class Task(object):
    def __init__(self, scheduler, ident, priority, queue):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.held = False
        self.waiting = queue is None
        self.runs = 0

    def is_runnable(self):
        return not self.held and (not self.waiting or self.queue is not None)

    def take_packet(self):
        packet = self.queue
        if packet is not None:
            self.queue = packet.link
            packet.link = None
        return packet

    def receive(self, packet):
        self.queue = packet.append_to(self.queue)
        self.waiting = False

    def run(self, packet):
        raise NotImplementedError("run")


class IdleTask(Task):
    def __init__(self, scheduler, ident, priority, count):
        Task.__init__(self, scheduler, ident, priority, None)
        self.count = count
        self.control = 1
        self.waiting = False

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            self.held = True
            return
        if self.control & 1 == 0:
            self.control = self.control >> 1
            self.scheduler.release(DEVICE_A)
        else:
            self.control = (self.control >> 1) ^ 0xD008
            self.scheduler.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        Task.__init__(self, scheduler, ident, priority, queue)
        self.destination = HANDLER_A
        self.count = 0

    def run(self, packet):
        if packet is None:
            self.waiting = True
            return
        if self.destination == HANDLER_A:
            self.destination = HANDLER_B
        else:
            self.destination = HANDLER_A
        packet.ident = self.destination
        packet.datum = 0
        for i in range(4):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = 64 + self.count
        self.scheduler.send(packet)


class HandlerTask(Task):
    def __init__(self, scheduler, ident, priority, queue, device):
        Task.__init__(self, scheduler, ident, priority, queue)
        self.device = device
        self.work_queue = None
        self.device_queue = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_queue = packet.append_to(self.work_queue)
            else:
                self.device_queue = packet.append_to(self.device_queue)
        work = self.work_queue
        if work is None:
            self.waiting = True
            return
        if work.datum < 4:
            dev = self.device_queue
            if dev is None:
                self.waiting = True
                return
            self.device_queue = dev.link
            dev.datum = work.data[work.datum]
            work.datum += 1
            dev.ident = self.device
            self.scheduler.send(dev)
        else:
            self.work_queue = work.link
            work.ident = WORKER
            self.scheduler.send(work)


class DeviceTask(Task):
    def __init__(self, scheduler, ident, priority):
        Task.__init__(self, scheduler, ident, priority, None)
        self.pending = None
        self.output = []

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                self.waiting = True
                return
            sent = self.pending
            self.pending = None
            self.output.append(chr(sent.datum))
            sent.ident = HANDLER_A if self.ident == DEVICE_A else HANDLER_B
            self.scheduler.send(sent)
        else:
            self.pending = packet
            self.held = True


class Scheduler(object):
    def __init__(self):
        self.tasks = []
        self.sent = 0
        self.switches = 0

    def add(self, task):
        self.tasks.append(task)

    def send(self, packet):
        self.sent += 1
        self.tasks[packet.ident].receive(packet)

    def release(self, ident):
        self.tasks[ident].held = False

    def pick(self):
        best = -1
        for i in range(len(self.tasks)):
            task = self.tasks[i]
            if task.is_runnable() and (best < 0 or task.priority > self.tasks[best].priority):
                best = i
        return best

    def schedule(self, limit):
        while self.switches < limit:
            index = self.pick()
            if index < 0:
                return
            task = self.tasks[index]
            task.runs += 1
            self.switches += 1
            task.run(task.take_packet())


def work_queue(count):
    queue = None
    for i in range(count):
        queue = Packet(queue, WORKER, KIND_WORK)
    return queue


def device_queue(ident, count):
    queue = None
    for i in range(count):
        queue = Packet(queue, ident, KIND_DEVICE)
    return queue


def main(argv):
    s = Scheduler()
    s.add(IdleTask(s, IDLE, 0, 400))
    s.add(WorkerTask(s, WORKER, 1000, work_queue(2)))
    s.add(HandlerTask(s, HANDLER_A, 2000, device_queue(DEVICE_A, 3), DEVICE_A))
    s.add(HandlerTask(s, HANDLER_B, 3000, device_queue(DEVICE_B, 3), DEVICE_B))
    s.add(DeviceTask(s, DEVICE_A, 4000))
    s.add(DeviceTask(s, DEVICE_B, 5000))
    s.schedule(100000)
    print("switches:", s.switches, "packets sent:", s.sent)
    for t in s.tasks:
        print("task", t.ident, "ran", t.runs, "times", "held" if t.held else "free")
    for ident in [DEVICE_A, DEVICE_B]:
        device = s.tasks[ident]
        if isinstance(device, DeviceTask):
            print("device", ident, "wrote", len(device.output), "chars:", "".join(device.output[:26]))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
