"""shusha: a command-line explorer of the chronology of the 2020 operations around Shusha."""
