# error: 5:5: dict key can be str or int
def main(argv: list[str]) -> int:
    ages = {}
    ages["ann"] = 31
    ages[7] = 40
    return len(ages)
