# A QuickApp bridging its device's value to a topic and back.
source "$TOOLS_DIR/mosquitto.sh"
mqtt_start
set -o pipefail
"$PLUA" "$SCRIPT" | sed -E 's/^\[23\.11\.2026\]\[12:00:[0-9]{2}\]/[23.11.2026][12:00:ss]/'
