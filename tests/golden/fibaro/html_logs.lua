--%%name:Html
-- HTML in log messages, as the HC3 console renders it: <font color> is a
-- colour on a terminal (html_logs.cmd runs this under script(1)), tags are
-- stripped elsewhere, <br> is a new line, entities are their characters.
function QuickApp:onInit()
  self:debug("<font color=red>alarm</font> and <font color='#00ff00'>ok</font>")
  self:trace("<font color=orange>outer <font color=#369>inner</font> outer again</font> plain")
  self:warning("line one<br>line two<BR/>three")
  self:debug("<b>bold</b>&nbsp;&amp;&nbsp;<i>italic</i> &lt;tag&gt; &#65;&#x42; &unknown;")
  self:debug("<font color=nosuchcolour>unknown colour</font> done")
  self:debug("an unclosed <font color=blue>font")
  self:debug("not a tag: 1 < 2 and 3 > 2")
  print("<span style='color:red'>print goes through it too</span>")
end
