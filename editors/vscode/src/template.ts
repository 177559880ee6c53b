// The copydesk.toml written by "copydesk: Open copydesk.toml" when a workspace has none.

export const CONFIG_TEMPLATE = `# copydesk.toml: the desk's house style, for everyone who checks copy in this folder.
# The same settings can be given in the editor; see the copydesk documentation.

# Rules: "off", "error", "warning", "info" or "hint".
[rules]
# misspelling = "warning"
# name-variant = "warning"
# unattributed-quote = "warning"
# boilerplate = "warning"
# duplicate-paragraph = "warning"
# repeated-word = "warning"

# The desk's own misspellings: "wrong" = "right". Map a word to itself to allow it.
[misspellings]
# "الادارة" = "الإدارة"

# House spellings of names: "house spelling" = ["variant", ...].
[names]
# "أردوغان" = ["أردوجان", "اردوغان"]

[boilerplate]
# More web and CMS leftovers: regular expressions matched against whole lines.
patterns = []

[dictionary]
# Words the desk accepts.
words = []
# Report words the Hunspell Arabic dictionary does not know (names are its false alarms).
lexicon = false

[style]
# Hamza house style: "strict" reports a bare alif where the dictionary knows only the
# hamzated form (الى -> إلى), under misspelling.
hamza = "off"
`;
