# A port nothing listens on, and no broker at all: the process ends cleanly.
source "$TOOLS_DIR/mosquitto.sh"
port=$(mqtt_free_port)
CLOSED_PORT=$port "$PLUA" "$SCRIPT" | sed "s/:$port/:PORT/g"
