# gutlog: food, symptom and medicine names from the dictionary and your diary.
# Prints which names the token at the cursor wants: foods, symptoms or intakes.
function __gutlog_name_kind
    set -l tokens (commandline -opc)
    set -l sub ''
    set -l kind ''
    set -l positional 0
    set -l skip 0
    for word in $tokens[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $word
            case --db --config --at --slot --tag --no-tag --note --kind --date
                set skip 1
                continue
            case '-*'
                continue
        end
        if test -z "$sub"
            set sub $word
        else if test "$sub" = log -a -z "$kind"
            set kind $word
        else
            set positional (math $positional + 1)
        end
    end
    test $skip -eq 0 -a "$sub" = log -a $positional -eq 0; or return 1
    switch $kind
        case meal
            echo foods
        case symptom
            echo symptoms
        case intake
            echo intakes
        case '*'
            return 1
    end
end
complete -c gutlog -f -n '__gutlog_name_kind >/dev/null' -a '(command gutlog __complete (__gutlog_name_kind) -- (commandline -ct) 2>/dev/null)'
