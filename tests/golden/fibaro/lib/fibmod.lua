-- Found on package.path by a `--%%file:$fibmod` header.
FibMod = { order = (Helper and "after helper" or "before helper") }
