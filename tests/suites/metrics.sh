# metrics.sh -- see metrics.py
cd "$(dirname "$0")/../.." || exit 1
exec python3 tests/suites/metrics.py
