print(type(string_helper), string_helper.greet("plua"))
