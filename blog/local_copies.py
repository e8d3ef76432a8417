"""Copies a process keeps of values it read from the shared cache (Redis), newest used kept, oldest dropped.

Only for values stored under a key that names their version (a page under the content stamp, a page part under
its version): a copy is then never stale, and reading it costs no round trip to Redis.
"""

import threading
from collections import OrderedDict


class LocalCopies:
    def __init__(self, size):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key, default=None):
        with self.lock:
            if key not in self.entries:
                return default
            self.entries.move_to_end(key)
            return self.entries[key]

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
