# device_types.lua (children and api.post of a sample of every family), then
# the same sample as the `--%%type` header of a QuickApp, then an unknown
# type there. Seconds of the log stamps are masked (a slow build may pass a
# second boundary).
dir=$PWD
mask() { sed -E -e 's/^\[23\.11\.2026\]\[12:00:[0-9]{2}\]/[23.11.2026][12:00:ss]/' -e "s|$TEST_TMP/||"; }
cd "$TEST_TMP" || exit 1
"$PLUA" "$dir/$SCRIPT" 2>&1 | mask
echo "--- as the --%%type header"
for t in genericDevice deviceController binarySwitch multilevelSwitch colorController FGWP102 \
    rollerShutter windowCovering baseShutter remoteController remoteSceneController \
    motionSensor doorSensor windowSensor binarySensor floodSensor waterLeakSensor smokeSensor coDetector \
    gasDetector fireDetector heatDetector rainDetector multilevelSensor temperatureSensor humiditySensor \
    lightSensor windSensor rainSensor seismometer powerSensor accelerometer \
    energyMeter powerMeter gasMeter waterMeter \
    hvacSystemHeat hvacSystemCool hvacSystemAuto hvacSystemHeatCool thermostat thermostatHeat \
    thermostatSetpointHeatCool alarmPartition doorLock ipCamera videoGate player sonosSpeaker weather \
    husqvarnaMower; do
  printf -- '--%%%%name:T\n--%%%%type:com.fibaro.%s\n--%%%%time:2026-11-23 12:00:00\n--%%%%file:%s,report\n' \
    "$t" "$dir/lib/device_report.lua" > qa.lua
  printf 'function QuickApp:onInit() print(DeviceReport.line(self.id)) end\n' >> qa.lua
  "$PLUA" qa.lua 2>&1 | mask
done
echo "--- an unknown type"
printf -- '--%%%%name:T\n--%%%%type:com.fibaro.toaster\nfunction QuickApp:onInit() print("ran") end\n' > bad.lua
"$PLUA" bad.lua 2>&1 | mask
echo "exit ${PIPESTATUS[0]}"
