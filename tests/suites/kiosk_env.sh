# kiosk_env.sh -- see kiosk_env.py
cd "$(dirname "$0")/../.." || exit 1
exec python3 tests/suites/kiosk_env.py
