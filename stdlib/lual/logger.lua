-- lual.logger: the same table as require("lual"), as in lual.
return require("lual")
