"""moto_server, with three fixes to its DynamoDB writes that the local runtime needs (found on moto 5.2.1).

1. moto's server answers requests on many threads, but its DynamoDB checks a write's condition and
   then writes, unlocked: two conditional puts of the same cart version both pass (a lost cart
   line), and a transaction's snapshot of a table breaks on a concurrent write (a 500, "dictionary
   changed size during iteration"). DynamoDB makes each write, with its condition, atomic. Here
   one lock serialises the writes (PutItem, UpdateItem, DeleteItem, TransactWriteItems, and the
   batch writes made of them) and the stream reads (item 2).
2. moto rolls a cancelled transaction back (a condition failed: a stock-out, an idempotent replay)
   by putting a deep copy of each table it touched in the table's place. The copy brings its own
   stream shard under the same shard id, so every iterator handed out before keeps reading the old
   shard object and never sees another record, without an error: the Orders stream goes quiet and
   new orders stay PLACED. DynamoDB promises that an iterator reads its shard until the shard
   closes, and that a cancelled transaction writes nothing, to the table or to its stream. Here the
   live shard is kept, minus the records of the cancelled transaction's writes.
3. moto ignores ClientRequestToken. The AWS SDKs fill it in and send the same token when they
   retry a transaction whose answer did not arrive (a socket timeout on a busy machine), and
   DynamoDB answers that retry with success instead of applying it again. moto applied it again,
   so its conditions failed against the first attempt's own writes (a seeded product "changed by
   another request"). Here a token that succeeded in the last 10 minutes succeeds again, unapplied.

    python3 infra/local/moto/moto-server.py -p 5055     (the arguments of moto_server)
"""
import sys
import threading
import time

try:
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.responses import DynamoHandler
    from moto.dynamodbstreams.models import DynamoDBStreamsBackend
    from moto.server import main
except ImportError as missing:
    print(f"moto is not installed for {sys.executable} ({missing}): pip install 'moto[server]'", file=sys.stderr)
    sys.exit(3)

IDEMPOTENCY_WINDOW_SECONDS = 600
_writes = threading.RLock()
_succeeded = {}  # ClientRequestToken -> (when, the answer given)
_transact_write_items = DynamoDBBackend.transact_write_items
_handle_transact_write_items = DynamoHandler.transact_write_items


def transact_write_items(self, transact_items):
    with _writes:
        live = {name: (table, table.stream_shard, len(table.stream_shard.items))
                for name, table in self.tables.items() if table.stream_shard is not None}
        try:
            return _transact_write_items(self, transact_items)
        except Exception:
            for name, (table, shard, length) in live.items():
                restored = self.tables.get(name)
                if restored is not None and restored is not table:
                    del shard.items[length:]
                    shard.table = restored
                    restored.stream_shard = shard
            raise


def handle_transact_write_items(self):
    token = self.body.get("ClientRequestToken")
    with _writes:
        now = time.monotonic()
        for expired in [t for t, (when, _) in _succeeded.items() if now - when > IDEMPOTENCY_WINDOW_SECONDS]:
            del _succeeded[expired]
        if token in _succeeded:
            return _succeeded[token][1]
        answer = _handle_transact_write_items(self)
        if token:
            _succeeded[token] = (now, answer)
        return answer


def serialised(write):
    def locked(*args, **kwargs):
        with _writes:
            return write(*args, **kwargs)
    return locked


for name in ("put_item", "update_item", "delete_item"):
    setattr(DynamoDBBackend, name, serialised(getattr(DynamoDBBackend, name)))
DynamoDBBackend.transact_write_items = transact_write_items
DynamoHandler.transact_write_items = handle_transact_write_items
DynamoDBStreamsBackend.get_records = serialised(DynamoDBStreamsBackend.get_records)

if __name__ == "__main__":
    main(sys.argv[1:])
