"""The database connection itself: what the driver must survive in production and in tests."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection

pytestmark = pytest.mark.django_db

# 2036-01-01 00:00:10 UTC: the clock reads 2,082,758,410 s, 10 s past a multiple of 128 — the
# spacing of single-precision floats there. psycopg 3.2's C driver kept the connect deadline
# (now + timeout) in such a float, which rounded it back below "now": every connection opened
# with a timeout failed at once ("connection timeout expired"). A server's monotonic clock gets
# as coarse after a long uptime; tests moving the clock with time-machine (which moves the
# monotonic clock too) met it in a browser test that travels to a scheduled minute.
FAR_FROM_THE_CLOCKS_ORIGIN = datetime(2036, 1, 1, 0, 0, 10, tzinfo=UTC)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's driver")
def test_a_connection_with_a_timeout_opens_whatever_the_clock_reads():
    """A connection with a connect timeout opens when the monotonic clock reads billions of
    seconds; the driver does not time it out before trying."""
    params = connection.get_connection_params()
    params["connect_timeout"] = 5
    with (
        time_machine.travel(FAR_FROM_THE_CLOCKS_ORIGIN),
        connection.Database.connect(**params) as fresh,
    ):
        assert fresh.execute("SELECT 1").fetchone() == (1,)
