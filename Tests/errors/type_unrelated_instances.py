# error: 13:15: variable 'pet' can be Cat or Car
class Cat:
    pass


class Car:
    pass


def main(argv: list[str]) -> int:
    pet = Cat()
    if len(argv) > 1:
        pet = Car()
    print(pet is None)
    return 0
