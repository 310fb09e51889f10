# Syntax stress file: indentation with tabs (consistently used).
def f():
	if True:
		return 1
	else:
		return 2


class C:
	def m(self):
		x = 1
		return x
