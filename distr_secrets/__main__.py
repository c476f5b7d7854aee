from distr_secrets.cli import main

main()
