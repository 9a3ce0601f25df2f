"""How incidents read to people: qualified figures ("at least 32"), a name
and a drafted summary made from an incident's fields, in the interface
language. Pages, the admin, the dashboard's scripts (through their labels)
and the API all take their words from here."""
