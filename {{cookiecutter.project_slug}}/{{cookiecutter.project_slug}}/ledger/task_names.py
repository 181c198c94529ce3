"""The registered names of the ledger's tasks: services enqueue by these, tasks.py uses them."""

POST_ENTRY = "ledger.post_entry"
POST_STALE_ENTRIES = "ledger.post_stale_entries"
RECONCILE_BALANCES = "ledger.reconcile_balances"
