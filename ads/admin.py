# The ads issue (#5) registers slots and creatives here.
