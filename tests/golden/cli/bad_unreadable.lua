-- bad_unreadable.cmd runs plua as an unprivileged user on scripts it may
-- not read: a clear "cannot open" error and exit 1, as lua5.4 does.
print("readable")
