cd "$TEST_TMP" || exit 1
run() { # name, header lines...
  local name=$1; shift
  printf '%s\n' "$@" 'function QuickApp:onInit() self:debug("ran") end' > "$name.lua"
  "$PLUA" "$name.lua"
  echo "$name: exit $?"
}
run id '--%%id:abc'
run type '--%%name:T' '--%%type:com.fibaro.toaster'
run bool '--%%debug:yes'
run number '--%%latitude:north'
run var '--%%var:novalue'
run varlua '--%%var:x={1,2'
run varexpr '--%%var:x=nil+1'
run file '--%%file:missing.lua,missing'
run module '--%%file:$no_such_module,m'
run ui '--%%u:button'
run iface '--%%interfaces:{1'
run time '--%%time:yesterday'
run nokey '--%%justtext'
run emptyname '--%%name:'
run offline '--%%offline:maybe'
run longitude '--%%longitude:east'
run state '--%%state:'
run uid '--%%uid:'
run manufacturer '--%%manufacturer:'
run model '--%%model:'
run role '--%%role:'
run description '--%%description:'
run idfraction '--%%id:12.5'
run legacy '--%%id=-3'
printf 'x = (\n' > broken.lua
run filesyntax '--%%file:broken.lua,broken'
"$PLUA" --fibaro --header "id:0" -e "print(1)"
echo "cli header: exit $?"
# A bad command line: the message, then the usage (its first line kept here).
"$PLUA" --fibaro --no-fibaro -e "print(1)" 2>&1 >/dev/null | head -2 >&2
echo "both flags: exit ${PIPESTATUS[0]}"
