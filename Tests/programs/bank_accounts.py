# A bank simulation with a hierarchy of errors: deposits, withdrawals and transfers that fail with
# user exceptions, an audit log kept in a module-level list, and a ledger dict keyed by account id.

AUDIT = []


class BankError(Exception):
    def __init__(self, message):
        Exception.__init__(self, message)
        self.message = message


class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        BankError.__init__(self, "account %d cannot pay %d (balance %d)" % (account.ident, amount, account.balance))
        self.shortfall = amount - account.balance


class AccountFrozen(BankError):
    pass


class UnknownAccount(BankError):
    pass


class Account(object):
    def __init__(self, ident, owner, balance):
        self.ident = ident
        self.owner = owner
        self.balance = balance
        self.frozen = False
        self.history = []

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.check_open()
        self.balance += amount
        self.history.append(amount)

    def withdraw(self, amount):
        self.check_open()
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(-amount)

    def check_open(self):
        if self.frozen:
            raise AccountFrozen("account %d is frozen" % self.ident)


class SavingsAccount(Account):
    rate_percent = 3

    def add_interest(self):
        interest = self.balance * self.rate_percent // 100
        self.deposit(interest)
        return interest


class Bank(object):
    def __init__(self):
        self.accounts = {}
        self.next_id = 100

    def open(self, owner, balance, savings):
        ident = self.next_id
        self.next_id += 1
        if savings:
            account = SavingsAccount(ident, owner, balance)
        else:
            account = Account(ident, owner, balance)
        self.accounts[ident] = account
        return account

    def get(self, ident):
        if ident not in self.accounts:
            raise UnknownAccount("no account %d" % ident)
        return self.accounts[ident]

    def transfer(self, source, target, amount):
        src = self.get(source)
        dst = self.get(target)
        src.withdraw(amount)
        try:
            dst.deposit(amount)
        except BankError:
            src.balance += amount
            src.history.pop()
            raise
        AUDIT.append("transfer %d %d->%d" % (amount, source, target))


def attempt(bank, source, target, amount):
    try:
        bank.transfer(source, target, amount)
    except InsufficientFunds as e:
        print("refused:", e.message, "short by", e.shortfall)
        return False
    except BankError as e:
        print("failed:", e.message)
        return False
    except ValueError:
        print("invalid amount", amount)
        return False
    else:
        print("ok: moved", amount)
        return True
    finally:
        AUDIT.append("attempt %d->%d" % (source, target))


def main(argv):
    bank = Bank()
    alice = bank.open("alice", 500, False)
    bob = bank.open("bob", 50, True)
    carol = bank.open("carol", 0, False)
    results = []
    results.append(attempt(bank, alice.ident, bob.ident, 200))
    results.append(attempt(bank, bob.ident, carol.ident, 1000))
    results.append(attempt(bank, alice.ident, 999, 5))
    carol.frozen = True
    results.append(attempt(bank, bob.ident, carol.ident, 10))
    results.append(attempt(bank, alice.ident, bob.ident, 0))
    carol.frozen = False
    results.append(attempt(bank, bob.ident, carol.ident, 125))
    print(results, len([r for r in results if r]))
    for ident in bank.accounts:
        account = bank.accounts[ident]
        line = "%d %-6s %5d %s" % (account.ident, account.owner, account.balance, account.history)
        if isinstance(account, SavingsAccount):
            line += " savings, interest %d" % account.add_interest()
        print(line)
    total = 0
    for account in bank.accounts.values():
        total += account.balance
    print("total", total)
    for entry in AUDIT:
        print(entry)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
