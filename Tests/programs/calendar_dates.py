# Date arithmetic: leap years, days in month, day of week (Zeller and day counting agree), days
# between dates, adding days, and a printed month calendar with aligned columns.

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year, month):
    if month == 2 and is_leap(year):
        return 29
    return DAYS[month - 1]


def day_number(year, month, day):
    # days since 0001-01-01 (day 0)
    y = year - 1
    n = y * 365 + y // 4 - y // 100 + y // 400
    for m in range(1, month):
        n += days_in_month(year, m)
    return n + day - 1


def weekday(year, month, day):
    return day_number(year, month, day) % 7


def zeller(year, month, day):
    if month < 3:
        month += 12
        year -= 1
    k = year % 100
    j = year // 100
    h = (day + 13 * (month + 1) // 5 + k + k // 4 + j // 4 + 5 * j) % 7
    return (h + 5) % 7


def add_days(year, month, day, count):
    day += count
    while day > days_in_month(year, month):
        day -= days_in_month(year, month)
        month += 1
        if month > 12:
            month = 1
            year += 1
    return year, month, day


def print_month(year, month):
    print("   %s %d" % (MONTH_NAMES[month - 1], year))
    print(" ".join([name[:2] for name in DAY_NAMES]))
    line = "   " * weekday(year, month, 1)
    for day in range(1, days_in_month(year, month) + 1):
        line += "%2d " % day
        if weekday(year, month, day) == 6:
            print(line[:-1])
            line = ""
    if line:
        print(line[:-1])


def main(argv):
    for year in [1900, 2000, 2023, 2024, 2100]:
        print(year, is_leap(year), days_in_month(year, 2))
    dates = [(1969, 7, 20), (2000, 1, 1), (2024, 2, 29), (1999, 12, 31), (2038, 1, 19)]
    agree = True
    for y, m, d in dates:
        w = weekday(y, m, d)
        if w != zeller(y, m, d):
            agree = False
        print("%04d-%02d-%02d is a %s" % (y, m, d, DAY_NAMES[w]))
    print("methods agree:", agree)
    print("days from moon landing to 2000:", day_number(2000, 1, 1) - day_number(1969, 7, 20))
    print(add_days(2024, 2, 20, 10), add_days(2023, 12, 25, 400))
    print_month(2024, 2)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
