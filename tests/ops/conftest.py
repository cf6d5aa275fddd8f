"""Operations tests: the services measure Kafka lag and DLQ sizes every 5 seconds here (15 s in
production), so a test sees fresh values soon. Set at collection, before the session's stack
starts, so it applies to the whole test session: light enough (a few admin requests per service)
not to load the machine."""

import os

os.environ.setdefault("CARTERA_METRICS_INTERVAL_SECONDS", "5")
