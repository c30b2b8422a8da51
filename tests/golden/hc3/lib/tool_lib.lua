-- a second file of the QuickApp
function greet(text) return "(" .. text .. ")" end
