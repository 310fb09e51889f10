# A brainfuck interpreter (with bracket matching precomputed) running a program that prints text.


def match_brackets(program):
    stack = []
    targets = [0] * len(program)
    for i in range(len(program)):
        c = program[i]
        if c == "[":
            stack.append(i)
        elif c == "]":
            j = stack.pop()
            targets[i] = j
            targets[j] = i
    return targets


def run(program):
    targets = match_brackets(program)
    tape = [0] * 300
    ptr = 0
    pc = 0
    out = []
    while pc < len(program):
        c = program[pc]
        if c == ">":
            ptr += 1
        elif c == "<":
            ptr -= 1
        elif c == "+":
            tape[ptr] = (tape[ptr] + 1) % 256
        elif c == "-":
            tape[ptr] = (tape[ptr] - 1) % 256
        elif c == ".":
            out.append(chr(tape[ptr]))
        elif c == "[":
            if tape[ptr] == 0:
                pc = targets[pc]
        elif c == "]":
            if tape[ptr] != 0:
                pc = targets[pc]
        pc += 1
    return "".join(out)


HELLO = ("++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.")


def main(argv):
    print(run(HELLO), end="")
    print(run("++++++[>++++++++<-]>+.+.+."))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
