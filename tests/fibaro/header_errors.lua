-- Bad headers stop the run before anything runs: header_errors.cmd writes
-- QuickApps with one bad header each and shows what plua says.
print("not run")
