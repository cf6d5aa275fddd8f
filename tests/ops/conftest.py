"""Operations tests: the services measure Kafka lag and DLQ sizes every second here (15 s in
production), so a test sees fresh values without waiting."""

import os

os.environ.setdefault("CARTERA_METRICS_INTERVAL_SECONDS", "1")
