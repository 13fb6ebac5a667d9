from procedure.cli import main

main()
